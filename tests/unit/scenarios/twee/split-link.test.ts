import { describe, expect, it } from "vitest";
import { splitLink } from "../../../../scenarios/twee/split-link";

describe("splitLink", () => {
  it("takes the target after the rightmost ->, so the text may hold an arrow", () => {
    expect(splitLink("Go -> left->Hall")).toMatchObject({ text: "Go -> left", target: "Hall" });
  });

  it("takes the target before the leftmost <- and counts the text's offset after it", () => {
    expect(splitLink("Hall<-  Back <- home")).toEqual({ text: "Back <- home", textAt: 8, target: "Hall" });
  });

  it("prefers -> to <-, and either to |", () => {
    expect(splitLink("a|b<-c->d")).toMatchObject({ text: "a|b<-c", target: "d" });
    expect(splitLink("a|b<-c")).toMatchObject({ text: "c", target: "a|b" });
    expect(splitLink("Read it|A room")).toMatchObject({ text: "Read it", target: "A room" });
  });

  it("uses one name as both text and target when there is no separator", () => {
    expect(splitLink(" Nowhere ")).toEqual({ text: "Nowhere", textAt: 1, target: "Nowhere" });
  });

  it("keeps a setter after ][ apart from the link", () => {
    expect(splitLink("Leave|End][$left to true")).toEqual({ text: "Leave", textAt: 0, target: "End", setter: "$left to true" });
  });
});
