// Draws the forecast page's charts, one per staff category, from each canvas's data-series attribute: the median line
// and the 10-90 % band of the baseline (and of the scenario, when there is one), and the minimum staffing line.
// A script file, not inline: the Content-Security-Policy forbids inline scripts.
(function () {
    'use strict';

    var colours = {
        baseline: { line: '#1f4e79', band: 'rgba(31, 78, 121, 0.18)' },
        scenario: { line: '#b35c00', band: 'rgba(179, 92, 0, 0.18)' }
    };

    function bandDatasets(name, label, series) {
        var c = colours[name];
        return [
            { label: label + ' 90th percentile', data: series.p90, borderColor: 'transparent', backgroundColor: c.band, pointRadius: 0, borderWidth: 0, fill: false, stepped: true },
            { label: label + ' 10th percentile', data: series.p10, borderColor: 'transparent', backgroundColor: c.band, pointRadius: 0, borderWidth: 0, fill: '-1', stepped: true },
            { label: label + ' median', data: series.median, borderColor: c.line, backgroundColor: c.line, pointRadius: 0, borderWidth: 2, fill: false, stepped: true }
        ];
    }

    function drawOne(canvas) {
        if (canvas.getAttribute('data-drawn') === 'true') return;
        var s = JSON.parse(canvas.getAttribute('data-series') || '{}');
        var datasets = bandDatasets('baseline', 'Baseline', s.baseline);
        if (s.scenario) datasets = datasets.concat(bandDatasets('scenario', 'Scenario', s.scenario));
        if (s.minimum !== null && s.minimum !== undefined) {
            datasets.push({
                label: 'Minimum staffing', data: s.days.map(function () { return s.minimum; }),
                borderColor: '#a4262c', backgroundColor: '#a4262c', borderDash: [6, 4], pointRadius: 0, borderWidth: 2, fill: false
            });
        }
        new window.Chart(canvas, {
            type: 'line',
            data: { labels: s.days, datasets: datasets },
            options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                interaction: { mode: 'index', intersect: false },
                plugins: {
                    legend: { labels: { filter: function (item) { return !/percentile$/.test(item.text); } } }
                },
                scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxTicksLimit: 12 } } }
            }
        });
        canvas.setAttribute('data-drawn', 'true');
    }

    function draw() {
        if (typeof window.Chart === 'undefined') return;
        var canvases = document.querySelectorAll('canvas.forecast-chart');
        for (var i = 0; i < canvases.length; i++) drawOne(canvases[i]);
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
    else draw();
    if (window.Blazor && typeof window.Blazor.addEventListener === 'function') window.Blazor.addEventListener('enhancedload', draw);
})();
