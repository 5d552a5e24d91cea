/**
 * The filled part of a bar: `percent` (0–100) of its box's width, from the left. Drawn as SVG, so
 * the width is an attribute rather than a style attribute: the pages' Content Security Policy
 * refuses style attributes in the HTML the server sends, and bars are drawn there too.
 * `round`: the fill's ends are rounded by that many pixels.
 */
export function BarFill({ percent, className, round = 0 }: { percent: number; className: string; round?: number }) {
  const width = Math.min(100, Math.max(0, percent));
  return (
    <svg aria-hidden="true" focusable="false" className="block h-full w-full">
      <rect width={`${width}%`} height="100%" rx={round} ry={round} className={className} />
    </svg>
  );
}
