// Only the chart.js parts the dashboard draws (bar charts), so the rest is tree-shaken away.
// This module is reached only through a dynamic import from BarChart.vue: learners never load it.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
// Labels at the page's reading size and ink, not chart.js's small grey.
Chart.defaults.font.size = 14;
Chart.defaults.color = '#1b1f24';

export interface BarSeries {
  label: string;
  values: number[];
  colour: string;
}

/** Stacked horizontal bars: one row per school, role or module; no animation (reduced motion, and calm). */
export function drawBars(canvas: HTMLCanvasElement, labels: string[], series: BarSeries[]): Chart<'bar'> {
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.colour, borderColor: '#1b1f24', borderWidth: 1 })),
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
  return new Chart(canvas, config);
}
