// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { Meter } from "../../../../components/ui/meter";

afterEach(cleanup);

it("is a meter named by its label, with its value and range", () => {
  render(
    <>
      <Meter label="Rapport" value={55} tone="brand" />
      <Meter label="Mutuality" value={40} tone="indigo" />
    </>,
  );
  const rapport = screen.getByRole("meter", { name: "Rapport" });
  expect(rapport).toHaveAttribute("aria-valuenow", "55");
  expect(rapport).toHaveAttribute("aria-valuemin", "0");
  expect(rapport).toHaveAttribute("aria-valuemax", "100");
  expect(screen.getByRole("meter", { name: "Mutuality" })).toHaveAttribute("aria-valuenow", "40");
});
