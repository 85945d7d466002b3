import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePin, pinnedAddress } from "./options.js";

test("--resolve parses like curl's", () => {
  assert.deepEqual(parsePin("app.example.com:443:127.0.0.1"), { host: "app.example.com", port: 443, address: "127.0.0.1" });
  assert.deepEqual(parsePin("App.Example.com:*:[::1]"), { host: "app.example.com", port: "*", address: "::1" });
  assert.throws(() => parsePin("app.example.com:443"), /HOST:PORT:ADDR/);
  assert.throws(() => parsePin("app.example.com:443:localhost"), /IP address/);
  assert.throws(() => parsePin("app.example.com:70000:127.0.0.1"), /port/);
});

test("a pinned name never falls through to DNS on another port", () => {
  const pins = [parsePin("app.example.com:8443:127.0.0.1"), parsePin("app.example.com:8080:127.0.0.2")];
  assert.equal(pinnedAddress(pins, "app.example.com", 8443), "127.0.0.1");
  assert.equal(pinnedAddress(pins, "APP.example.com", 8080), "127.0.0.2");
  assert.equal(pinnedAddress(pins, "app.example.com", 80), "127.0.0.1");
  assert.equal(pinnedAddress(pins, "other.example.com", 80), undefined);
});
