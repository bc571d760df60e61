// Draws the headcount timeline of the headcount page from its canvas's data-days attribute.
// A script file, not inline: the Content-Security-Policy forbids inline scripts.
(function () {
    'use strict';

    function draw() {
        var canvas = document.getElementById('headcount-chart');
        if (!canvas || canvas.getAttribute('data-drawn') === 'true' || typeof window.Chart === 'undefined') return;
        canvas.setAttribute('data-drawn', 'true');
        var days = JSON.parse(canvas.getAttribute('data-days') || '[]');
        var series = function (key) { return days.map(function (d) { return d[key]; }); };
        new window.Chart(canvas, {
            type: 'line',
            data: {
                labels: series('on'),
                datasets: [
                    { label: 'Members', data: series('members'), borderColor: '#1f4e79', backgroundColor: '#1f4e79', stepped: true, pointRadius: 0, borderWidth: 2 },
                    { label: 'Family members', data: series('family'), borderColor: '#b35c00', backgroundColor: '#b35c00', stepped: true, pointRadius: 0, borderWidth: 2 }
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
