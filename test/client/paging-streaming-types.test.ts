/**
 * What the iterators and streams of the paging-streaming fixture's client are typed as, checked by
 * the real tsc over a program that uses them (and a wrong use that must fail to compile).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tsc } from "../support/run.js";
import { tempDir } from "../support/temp.js";

const SPEC = path.resolve("test/fixtures/specs/paging-streaming/openapi.yaml");

const PROGRAM = `
import { PagingApi, StreamingApi, type EventStream, type FeedEvent, type JsonLines, type Row, type Download, type MessagePage } from "./index.js";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
declare function same<T extends true>(): void;

export async function use(paging: PagingApi, streaming: StreamingApi): Promise<void> {
  for await (const event of paging.listEventsIterator({ limit: 10 })) same<Same<typeof event, FeedEvent>>();
  for await (const page of paging.listMessagesPages({ cursor: "c2", signal: AbortSignal.timeout(1000) })) {
    same<Same<typeof page, MessagePage>>();
    const next: string | null | undefined = page.meta.next_cursor;
    void next;
  }
  for await (const repo of paging.listReposIterator({ perPage: 5 })) repo.name.toUpperCase();

  const events = await streaming.streamEvents({ topic: "deploys" });
  same<Same<typeof events, EventStream<FeedEvent>>>();
  for await (const message of events) {
    const topic: string = message.data.topic;
    const id: string | undefined = message.id;
    const name: string | undefined = message.event;
    void [topic, id, name];
  }
  const rows: JsonLines<Row> = await streaming.exportRows("exp_1");
  for await (const row of rows) row.n.toFixed();
  const download: Download = await streaming.downloadArchive("exp_1");
  const stream: ReadableStream<Uint8Array> = download.stream();
  const blob: Blob = await download.blob();
  const { data, status } = await streaming.streamEvents().withResponse();
  same<Same<typeof data, EventStream<FeedEvent>>>();
  void [stream, blob, status];

  for await (const message of await streaming.streamEvents()) {
    // @ts-expect-error an event's data is a FeedEvent, not a string
    const wrong: string = message.data;
    void wrong;
  }
  // @ts-expect-error the page iterator yields pages, not items
  for await (const page of paging.listFilesPages()) page.name;
}
`;

let clientDir: string;

beforeAll(async () => {
  const out = path.join(tempDir("paging-types"), "out");
  const run = await runCli(["-q", "--spec", SPEC, "--out", out]);
  expect(run.stderr).toBe("");
  clientDir = path.join(out, "client");
});

describe("the paging-streaming client's types", () => {
  it("types items, pages, events, lines and downloads; rejects wrong uses", () => {
    writeFileSync(path.join(clientDir, "src", "use.check.ts"), PROGRAM);
    const result = tsc(path.join(clientDir, "tsconfig.json"));
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it("fails to compile when an expected error is not one (negative control)", () => {
    writeFileSync(
      path.join(clientDir, "src", "use.check.ts"),
      PROGRAM.replace("// @ts-expect-error the page iterator yields pages, not items\n", "// @ts-expect-error\n  void 0;\n"),
    );
    const result = tsc(path.join(clientDir, "tsconfig.json"));
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/use\.check\.ts.*Unused '@ts-expect-error' directive|Property 'name' does not exist/);
  });
});
