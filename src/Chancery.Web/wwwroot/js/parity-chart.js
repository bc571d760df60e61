// Draws both sides' members over time on the parity page from its canvas's data-points attribute.
// A script file, not inline: the Content-Security-Policy forbids inline scripts.
(function () {
    'use strict';

    function draw() {
        var canvas = document.getElementById('parity-chart');
        if (!canvas || canvas.getAttribute('data-drawn') === 'true' || typeof window.Chart === 'undefined') return;
        canvas.setAttribute('data-drawn', 'true');
        var points = JSON.parse(canvas.getAttribute('data-points') || '[]');
        var series = function (key) { return points.map(function (p) { return p[key]; }); };
        new window.Chart(canvas, {
            type: 'line',
            data: {
                labels: series('on'),
                datasets: [
                    { label: canvas.getAttribute('data-a'), data: series('aInB'), borderColor: '#1f4e79', backgroundColor: '#1f4e79', stepped: true, pointRadius: 0, borderWidth: 2 },
                    { label: canvas.getAttribute('data-b'), data: series('bInA'), borderColor: '#b35c00', backgroundColor: '#b35c00', stepped: true, pointRadius: 0, borderWidth: 2 }
                ]
            },
            options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                interaction: { mode: 'index', intersect: false },
                scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxTicksLimit: 12 } } }
            }
        });
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
    else draw();
    if (window.Blazor && typeof window.Blazor.addEventListener === 'function') window.Blazor.addEventListener('enhancedload', draw);
})();
