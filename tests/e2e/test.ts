/**
 * The `test` and `expect` of every end-to-end spec: Playwright's, with one automatic fixture that
 * fails a test when any page it opened was refused something by the Content Security Policy (a
 * script, a style, a connection, an `eval`). Specs import them from here, never `test` from
 * "@playwright/test" (tests/unit/architecture.test.ts checks it), so every spec, the ones to
 * come too, keeps the check.
 *
 * A refusal is seen two ways, on every page of the test's browser context and of any context
 * the test makes itself: the message Chromium writes to the console for it, and the page's
 * `securitypolicyviolation` event, sent back through a binding.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export { expect };

/**
 * The page's accessibility violations, as axe finds them once the page has its title. After a
 * refresh (an admin form's `router.refresh()`, say) Next.js sends the page's metadata after its
 * content, so for a moment the document has no `<title>`; checking then reports a missing title
 * the page does have.
 */
export async function axeViolations(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  return (await new AxeBuilder({ page }).analyze()).violations;
}

export interface CspViolation {
  /** How it was seen. */
  seen: "console" | "event";
  /** The page's address when it was seen. */
  url: string;
  /** Chromium's message, or the event's directive, what it blocked and where. */
  text: string;
}

/** What Chromium's console messages about the policy have in common ("Refused to … because it violates the following Content Security Policy directive"). */
const CONSOLE_MESSAGE = /Content Security Policy/i;

/** The binding through which pages report `securitypolicyviolation` events. */
const BINDING = "__peerPracticeCspViolation";

/** The Content Security Policy refusals reported on the pages of a test. */
export class CspViolations {
  private readonly found: CspViolation[] = [];
  private readonly contexts = new Set<BrowserContext>();

  /** Listens on every page of `context`, those open already and those to come. */
  async watch(context: BrowserContext): Promise<void> {
    if (this.contexts.has(context)) return;
    this.contexts.add(context);
    context.on("console", (message) => {
      if (CONSOLE_MESSAGE.test(message.text())) this.found.push({ seen: "console", url: message.page()?.url() ?? "", text: message.text() });
    });
    await context.exposeBinding(BINDING, ({ page }, text: string) => {
      this.found.push({ seen: "event", url: page?.url() ?? "", text });
    });
    await context.addInitScript((binding: string) => {
      window.addEventListener(
        "securitypolicyviolation",
        (e) => {
          const report = (window as unknown as Record<string, ((text: string) => void) | undefined>)[binding];
          report?.(`${e.effectiveDirective} refused ${e.blockedURI || "(inline)"} at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
        },
        true,
      );
    }, BINDING);
  }

  /** Watches every context made through `browser` until the returned function is called. */
  watchNewContexts(browser: Browser): () => void {
    const original = browser.newContext;
    browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
      const context = await original.apply(browser, args);
      await this.watch(context);
      return context;
    };
    return () => {
      browser.newContext = original;
    };
  }

  /**
   * Lets every open page finish what it has queued (a refusal's event is dispatched as a task of
   * its own), so one made by the test's last step is reported before the test ends.
   */
  async settle(): Promise<void> {
    const pages = [...this.contexts].flatMap((c) => c.pages()).filter((p) => !p.isClosed());
    await Promise.all(pages.map((p) => p.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0))).catch(() => undefined)));
  }

  /** What was reported so far. */
  get all(): readonly CspViolation[] {
    return this.found;
  }

  /** Hands over what was reported so far and forgets it (for a test that makes a refusal on purpose). */
  take(): CspViolation[] {
    return this.found.splice(0);
  }
}

export const test = base.extend<{ cspViolations: CspViolations }>({
  cspViolations: [
    async ({ context, browser }, use) => {
      const violations = new CspViolations();
      await violations.watch(context);
      const stopWatching = violations.watchNewContexts(browser);
      try {
        await use(violations);
        await violations.settle();
      } finally {
        stopWatching();
      }
      expect(violations.all, "the Content Security Policy refused nothing on the test's pages").toEqual([]);
    },
    { auto: true },
  ],
});
