// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { Notice } from "../../../../components/ui/notice";

afterEach(cleanup);

it("takes the role its caller gives, and none otherwise", () => {
  render(
    <>
      <Notice tone="error" role="alert">
        The session could not start.
      </Notice>
      <Notice tone="plain">No scenarios yet.</Notice>
    </>,
  );
  expect(screen.getByRole("alert")).toHaveTextContent("The session could not start.");
  expect(screen.queryByRole("status")).toBeNull();
  expect(screen.getByText("No scenarios yet.")).not.toHaveAttribute("role");
});

it("holds a heading as a labelled region when it is a section", () => {
  render(
    <Notice as="section" tone="warning" aria-labelledby="ignored">
      <h2 id="ignored">One value was ignored</h2>
    </Notice>,
  );
  expect(screen.getByRole("region", { name: "One value was ignored" })).toBeInTheDocument();
});
