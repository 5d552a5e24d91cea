/** The addresses of the scripts a page's HTML loads at first: `<script src>` and script preloads. */
export function scriptUrls(html: string): string[];

export interface PageWeight {
  /** The page's HTTP status (a redirect is not followed). */
  status: number;
  /** Gzip bytes of the scripts the HTML names. */
  files: number;
  /** Gzip bytes of the inline scripts (the RSC payload). */
  inline: number;
  /** The addresses of the scripts the HTML names, as written there. */
  scripts: string[];
}

/** Weighs pages of the server at `base`, signed in with `cookie` when given; a script shared by several pages is fetched once. */
export function firstLoad(
  base: string,
  cookie?: string,
): {
  weigh(route: string): Promise<PageWeight>;
  script(url: string): Promise<{ text: string; gzip: number }>;
};
