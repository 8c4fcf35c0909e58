import { useMemo } from 'react';
import type { Transaction } from '../../bridge/types';
import { formatTime } from '../../lib/format';
import { displayCredits, parseCredits } from '../../lib/money';

const W = 320;
const H = 96;
const MAX_POINTS = 400;

/**
 * Balance over time as a step line, from each transaction's balance_after.
 * Floats appear only as pixel coordinates; every figure shown is the exact string.
 */
export function BalanceChart({ transactions, complete }: { transactions: Transaction[]; complete: boolean }) {
  const model = useMemo(() => {
    if (transactions.length < 2) return null;
    // Rows arrive newest first (by seq); sample with a stride instead of sorting,
    // so a 100,000-row history costs ~MAX_POINTS parses per render, not n log n.
    const n = transactions.length;
    const step = Math.max(1, Math.ceil(n / MAX_POINTS));
    const sampled: Transaction[] = [];
    for (let i = n - 1; i >= 0; i -= step) sampled.push(transactions[i] as Transaction);
    if (sampled[sampled.length - 1] !== transactions[0]) sampled.push(transactions[0] as Transaction);
    const xs = sampled.map((t) => new Date(t.created_at).getTime());
    const ys = sampled.map((t) => Number(parseCredits(t.balance_after)));
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    const y0 = Math.min(0, ...ys);
    const y1 = Math.max(...ys);
    const sx = (x: number) => (x1 === x0 ? W : ((x - x0) / (x1 - x0)) * W);
    const sy = (y: number) => (y1 === y0 ? H / 2 : H - ((y - y0) / (y1 - y0)) * H);
    let d = '';
    sampled.forEach((_, i) => {
      const x = sx(xs[i] as number).toFixed(1);
      const y = sy(ys[i] as number).toFixed(1);
      d += i === 0 ? `M${x},${y}` : `H${x}V${y}`;
    });
    const first = sampled[0] as Transaction;
    const last = sampled[sampled.length - 1] as Transaction;
    let maxTx = first;
    for (const t of sampled) if (parseCredits(t.balance_after) > parseCredits(maxTx.balance_after)) maxTx = t;
    return { d, zeroY: sy(0), first, last, maxTx, count: n, sampledPeak: step > 1 };
  }, [transactions]);

  if (!model) {
    return (
      <>
        <p className="card-label">Balance over time</p>
        <p className="muted">Not enough history to draw.</p>
      </>
    );
  }
  const summary = `Balance from ${displayCredits(model.first.balance_after)} on ${formatTime(model.first.created_at)} to ${displayCredits(model.last.balance_after)} on ${formatTime(model.last.created_at)}, ${model.sampledPeak ? 'sampled ' : ''}peak ${displayCredits(model.maxTx.balance_after)}.`;
  return (
    <figure className="chart">
      <figcaption className="card-label">
        Balance over time{' '}
        <span className="muted">
          ({complete ? 'all' : 'latest'} {model.count.toLocaleString('en-US')} transactions of this filter)
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={summary}
        className="chart-svg"
      >
        <line x1="0" x2={W} y1={model.zeroY} y2={model.zeroY} className="chart-zero" />
        <path d={model.d} className="chart-line" vectorEffect="non-scaling-stroke" />
      </svg>
      <div className="chart-axis num">
        <span>{formatTime(model.first.created_at).slice(0, 10)}</span>
        <span>
          {model.sampledPeak ? 'sampled peak' : 'peak'} {displayCredits(model.maxTx.balance_after)}
        </span>
        <span>{formatTime(model.last.created_at).slice(0, 10)}</span>
      </div>
    </figure>
  );
}
