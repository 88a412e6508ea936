// Renders every page of the built dashboard (dist/) in headless Chromium and
// checks it: no console error, no uncaught exception, no failed request, no
// request leaving the local server (nothing from a CDN), and the texts each
// page must show.  Optionally saves a screenshot of one page.
//
//   node test/render.js [--chromium PATH] [--screenshot FILE [--page NAME]]
//
// Exit 0 when every page passes, 1 otherwise.  EXPECT_BUDGETS replaces the
// text the budgets page must show; PAGES=a,b renders only those pages.
import {createServer} from "node:http";
import {readFile, stat} from "node:fs/promises";
import {extname, join, normalize, resolve} from "node:path";
import puppeteer from "puppeteer-core";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const chromium = option("--chromium", process.env.CHROMIUM || "/usr/bin/chromium");
const screenshot = option("--screenshot", null);
const screenshotPage = option("--page", "cofinancing");
const root = resolve(new URL("..", import.meta.url).pathname, "dist");

// What each page must show once rendered (the MEL–APES fixture)
const pages = {
  index: ["Subsidies", "Financing plans"],
  cofinancing: ["753,091.00", "4.7 %", "100.0", "4.6 %", "Métropole Européenne de Lille", "not covered"],
  funder: ["35,000.00", "2021"],
  beneficiary: ["APES", "35,000.00"],
  issues: ["unfunded gap 128,766.00 is 17.1 %"],
  budgets: [process.env.EXPECT_BUDGETS || "No budget documents loaded."]
};
// PAGES=a,b renders only those pages
if (process.env.PAGES) {
  const keep = new Set(process.env.PAGES.split(","));
  for (const name of Object.keys(pages)) if (!keep.has(name)) delete pages[name];
}

const types = {".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
               ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"};

// Serves dist/ on a free local port
function serve() {
  const server = createServer(async (req, res) => {
    try {
      let path = normalize(decodeURIComponent(new URL(req.url, "http://localhost").pathname));
      if (path.endsWith("/")) path += "index.html";
      const file = join(root, path);
      if (!file.startsWith(root)) throw new Error("outside");
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      res.writeHead(200, {"content-type": types[extname(file)] || "application/octet-stream"});
      res.end(await readFile(file));
    } catch {
      res.writeHead(404);
      res.end("not found");
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const launchArgs = ["--headless=new", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"];
if (process.getuid && process.getuid() === 0) launchArgs.push("--no-sandbox");
const browser = await puppeteer.launch({executablePath: chromium, headless: true, args: launchArgs});
let failures = 0;
try {
  for (const [name, texts] of Object.entries(pages)) {
    const page = await browser.newPage();
    await page.setViewport({width: 1280, height: 900});
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    await page.setRequestInterception(true);
    page.on("request", (r) => {
      if (r.url().startsWith(base) || r.url().startsWith("data:")) return r.continue();
      problems.push(`request outside the site: ${r.url()}`);
      return r.abort();
    });
    page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    await page.goto(`${base}/${name}.html`, {waitUntil: "networkidle0", timeout: 60000});
    // Framework renders cells as their data arrives: wait for the figures
    try {
      await page.waitForFunction((t) => t.every((s) => document.body.innerText.includes(s)),
                                 {timeout: 15000}, texts);
    } catch {
      // reported below, text by text
    }
    const text = await page.evaluate(() => document.body.innerText);
    for (const t of texts) if (!text.includes(t)) problems.push(`text not shown: "${t}"`);
    const errors = await page.evaluate(() => [...document.querySelectorAll(".observablehq--error")].map((e) => e.textContent));
    for (const e of errors) problems.push(`cell error: ${e}`);
    if (problems.length) {
      failures++;
      for (const p of problems) console.log(`not ok - ${name}: ${p}`);
    } else {
      console.log(`ok - ${name}: rendered, shows ${texts.map((t) => JSON.stringify(t)).join(", ")}`);
    }
    if (screenshot && name === screenshotPage) {
      await page.screenshot({path: screenshot, fullPage: true});
      console.log(`# screenshot of ${name} in ${screenshot}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failures ? 1 : 0);
