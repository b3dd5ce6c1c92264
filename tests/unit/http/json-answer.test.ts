/** JSON answers as UTF-8 bytes with their length (lib/http/json-answer.ts, issue 10). */
import { describe, expect, it } from "vitest";
import { jsonAnswer } from "@/lib/http/json-answer";

describe("jsonAnswer", () => {
  it("sends the same JSON as before, its byte length, never cached, with the status asked for", async () => {
    const body = { outTradeNo: "ST1", status: "paid", message: "交易成功(0000)", refunds: [] };
    const res = jsonAnswer(body, 201);
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
    expect(bytes.length).toBe(new TextEncoder().encode(JSON.stringify(body)).length);
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual(body);
    expect(jsonAnswer({ ok: true }).status).toBe(200);
  });
});
