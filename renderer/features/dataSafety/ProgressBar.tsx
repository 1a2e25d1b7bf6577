/** A labelled progress bar (role progressbar through <progress>); `total` 0 shows it as busy. */
export function ProgressBar({ label, done, total, text }: { label: string; done: number; total: number; text: string }) {
  return (
    <div className="safety-progress">
      <progress aria-label={label} max={total > 0 ? total : undefined} value={total > 0 ? Math.min(done, total) : undefined} />
      <p role="status" className="working">
        {text}
      </p>
    </div>
  );
}
