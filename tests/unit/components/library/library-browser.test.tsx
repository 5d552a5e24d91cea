// @vitest-environment jsdom
/** The library's search and family filter in the browser: narrows as you type, says how many, clears, keeps the address in step. */
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibraryBrowser } from "../../../../components/library/library-browser";
import type { FilterItem, LibraryFilters } from "../../../../components/library/library-filter";

afterEach(cleanup);
beforeEach(() => {
  window.history.replaceState(null, "", "/");
  window.sessionStorage.clear();
});

const items: FilterItem[] = [
  { id: "a", families: ["listening"], skills: ["active-listening"], text: "sixty days\nrenee\nactive listening" },
  { id: "b", families: ["supervision"], skills: ["supervision"], text: "caught between\njordan\nsupervising peers" },
  { id: "c", families: [], skills: [], text: "no skills at all\nsam" },
];
const cards = Object.fromEntries(items.map((i) => [i.id, <li key={i.id}>Card {i.id}</li>]));
const families = [
  { id: "listening", label: "Listening", count: 1 },
  { id: "supervision", label: "Supervision", count: 1 },
];
const none: LibraryFilters = { q: "", family: "", skill: "" };

const show = (initial: Partial<LibraryFilters> = {}, render_ = "r1", skillLabel: string | null = null) =>
  render(<LibraryBrowser items={items} cards={cards} families={families} initial={{ ...none, ...initial }} skillLabel={skillLabel} render={render_} />);
const shown = () => screen.queryAllByText(/^Card /).map((e) => e.textContent);
const status = () => screen.getByRole("status").textContent;

describe("the library's filter in the browser", () => {
  it("shows every scenario under All, one without skills too, and says how many", () => {
    show();
    expect(shown()).toEqual(["Card a", "Card b", "Card c"]);
    expect(status()).toBe("3 scenarios");
    expect(screen.getByRole("radio", { name: "All, 3 scenarios" })).toBeChecked();
    expect(screen.getByRole("list", { name: "All scenarios" })).toBeInTheDocument();
  });

  it("narrows as you type and by family, with the address following", () => {
    show();
    fireEvent.change(screen.getByRole("searchbox", { name: "Search scenarios" }), { target: { value: "Renée" } });
    expect(shown()).toEqual(["Card a"]);
    expect(status()).toBe("1 of 3 scenarios for “Renée”");
    expect(window.location.search).toBe("?q=Ren%C3%A9e");
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "" } });
    fireEvent.click(screen.getByRole("radio", { name: "Supervision, 1 scenario" }));
    expect(shown()).toEqual(["Card b"]);
    expect(status()).toBe("1 of 3 scenarios in Supervision");
    expect(window.location.search).toBe("?family=supervision");
  });

  it("says when nothing matches and clears everything, back to the search field", () => {
    show({ q: "renee", family: "supervision" });
    expect(shown()).toEqual([]);
    expect(status()).toBe("No scenarios for “renee” in Supervision");
    const clear = screen.getByRole("link", { name: "Clear the search and filters" });
    expect(clear).toHaveAttribute("href", "/");
    fireEvent.click(clear);
    expect(shown()).toEqual(["Card a", "Card b", "Card c"]);
    expect(screen.getByRole("searchbox")).toHaveFocus();
    expect(screen.getByRole("radio", { name: "All, 3 scenarios" })).toBeChecked();
    expect(window.location.pathname + window.location.search).toBe("/");
  });

  it("is a plain GET form to the library, whose Enter does not leave the page once it is ready", () => {
    show();
    const form = screen.getByRole("search", { name: "Scenarios" });
    expect(form).toHaveAttribute("action", "/");
    expect(form).toHaveAttribute("method", "get");
    expect(within(form).getByRole("searchbox")).toHaveAttribute("name", "q");
    expect(within(form).getByRole("radio", { name: /^Listening/ })).toHaveAttribute("name", "family");
    expect(fireEvent.submit(form)).toBe(false);
  });

  it("keeps a skill from the address, with a link that drops it", () => {
    show({ skill: "active-listening" }, "r1", "Active listening");
    expect(shown()).toEqual(["Card a"]);
    expect(status()).toBe("1 of 3 scenarios practising Active listening");
    const drop = screen.getByRole("link", { name: "Show every skill" });
    expect(drop).toHaveAttribute("href", "/");
    fireEvent.click(drop);
    expect(shown()).toHaveLength(3);
  });

  it("brings back the filters of the same render (Back), but not of another one (a new visit)", () => {
    const first = show();
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "jordan" } });
    first.unmount();
    show({}, "r1");
    expect(shown()).toEqual(["Card b"]);
    expect(screen.getByRole("searchbox")).toHaveValue("jordan");
    cleanup();
    show({}, "r2");
    expect(shown()).toHaveLength(3);
  });
});
