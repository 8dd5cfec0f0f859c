// Preloaded (`node --import`) into a benchmarked process: when it exits, writes its peak RSS
// and CPU time to the file named by BENCH_RSS_FILE. The same measure for every tool we compare.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}
