import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./user-agent.js";

describe("the browser a visitor chats from", () => {
  it("names the browser, its major version and the system, and the kind of device", () => {
    const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    expect(describeUserAgent(iphone)).toEqual({ browser: "Safari 17 · iOS 17.5", device: "mobile" });
    const linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    expect(describeUserAgent(linux)).toEqual({ browser: "Chrome 156 · Linux", device: "desktop" });
  });

  it("says nothing it cannot tell", () => {
    expect(describeUserAgent(null)).toEqual({ browser: null, device: null });
    expect(describeUserAgent("curl")).toEqual({ browser: null, device: null });
  });
});
