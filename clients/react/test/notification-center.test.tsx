import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NotificationCenter } from "../src/NotificationCenter.js";
import { FakeClient, notification } from "./fake-client.js";

describe("NotificationCenter", () => {
  it("shows the connection state, the unread badge and the list", async () => {
    const client = new FakeClient();
    client.unread = {
      type: "unread_notifications",
      count: 2,
      notifications: [notification("a", "2026-01-01T00:00:00Z"), notification("b", "2026-01-02T00:00:00Z")],
    };
    render(<NotificationCenter client={client} />);
    expect(screen.getByRole("status").textContent).toContain("Offline");
    expect(screen.getByText("No notifications")).toBeTruthy();
    act(() => client.setState("open"));
    await waitFor(() => expect(screen.getByLabelText("2 unread").textContent).toBe("2"));
    expect(screen.getByRole("status").textContent).toContain("Live");
    expect(screen.getAllByRole("listitem").map((item) => item.querySelector("strong")?.textContent)).toEqual([
      "Title b",
      "Title a",
    ]);
  });

  it("marks a notification read from its button", async () => {
    const client = new FakeClient();
    client.state = "open";
    client.unread = { type: "unread_notifications", count: 1, notifications: [notification("a", "2026-01-01T00:00:00Z")] };
    render(<NotificationCenter client={client} />);
    const button = await screen.findByRole("button", { name: "Mark as read" });
    fireEvent.click(button);
    await waitFor(() => expect(client.markRead).toHaveBeenCalledWith("a"));
    expect(screen.queryByRole("button", { name: "Mark as read" })).toBeNull();
    expect(screen.queryByLabelText(/unread/)).toBeNull();
  });
});
