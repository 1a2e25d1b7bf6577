import { useId } from 'react';

export interface Bar {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart drawn as SVG (no chart library): one bar per label, the value written at
 * its end. The numbers are also in the figure's accessible description, so nothing depends on
 * seeing the bars.
 */
export function BarChart({ title, bars, unit }: { title: string; bars: readonly Bar[]; unit: string }) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const labelWidth = 110;
  const barWidth = 220;
  const height = bars.length * row + 8;
  const summary = bars.map((b) => `${b.label} ${b.value}${unit}`).join('，');
  return (
    <figure className="ex-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg role="img" aria-label={`${title}：${summary}`} viewBox={`0 0 ${labelWidth + barWidth + 60} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        {bars.map((b, i) => {
          const y = 4 + i * row;
          const w = Math.round((b.value / max) * barWidth);
          return (
            <g key={b.label}>
              <text x={labelWidth - 8} y={y + 16} textAnchor="end" className="ex-chart-label">
                {b.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={Math.max(w, b.value > 0 ? 2 : 0)} height={row - 8} className="ex-chart-bar" rx="2" />
              <text x={labelWidth + Math.max(w, 0) + 6} y={y + 16} className="ex-chart-value">
                {b.value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
