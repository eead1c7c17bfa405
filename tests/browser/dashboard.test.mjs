// Browser tests of the `sco serve` dashboard, as a person would use it: the real server on
// loopback, Debian's chromium driven by puppeteer-core (which downloads no browser).
//
//   SCO_BIN=target/debug/sco CHROMIUM=/usr/bin/chromium node tests/browser/dashboard.test.mjs
//
// Every view is loaded, the slider moved, a state clicked and reached with the keyboard, the
// timeline filtered, a grouping changed and its CSV downloaded, a decision-lab case changed
// and recomputed, the language switched; any console error, page error, CSP violation or
// failed request fails the test, at 1400 px and at 390 px (where nothing may overflow the
// width). Screenshots of each view go to $SCREENSHOTS (default target/browser-screenshots).

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import puppeteer from "puppeteer-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const sco = process.env.SCO_BIN || join(root, "target/debug/sco");
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = resolve(process.env.SCREENSHOTS || join(root, "target/browser-screenshots"));
mkdirSync(shots, { recursive: true });

const results = [];
async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}\n     ${String(error.stack || error).split("\n").join("\n     ")}`);
  }
}

/** Starts `sco serve` on a free loopback port; resolves to its base URL. */
function startServer() {
  return new Promise((resolveUrl, reject) => {
    const child = spawn(sco, ["serve", "--addr", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
    let text = "";
    const timer = setTimeout(() => reject(new Error(`sco serve did not start: ${text}`)), 30000);
    child.on("error", (e) => reject(new Error(`cannot run ${sco}: ${e.message}`)));
    child.stderr.on("data", (chunk) => {
      text += chunk;
      const match = text.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolveUrl({ base: `http://${match[1]}`, child });
      }
    });
  });
}

/** A page that records every console error, page error and failed request. */
async function openPage(browser, width, height = 900) {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()} ${JSON.stringify(m.location())}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.problems = problems;
  return page;
}

/** Waits until every view has finished loading (no "Loading…" or running message left). */
async function settled(page) {
  await page.waitForFunction(() => {
    const busy = [...document.querySelectorAll("p.note, .status")].some((p) => /Loading|Running|Загрузка|Расчёт|加载|正在/.test(p.textContent));
    return !busy && document.querySelector("#map path") && document.querySelector("#world-fans, #world-errors, #world .error")
      && document.querySelector("#predictions, #case-detail .error") && document.querySelector("#timeline ol, #timeline .error");
  }, { timeout: 90000, polling: 200 });
}

const classOf = (page, iso3) => page.$eval(`#map path[data-iso3="${iso3}"]`, (p) => p.getAttribute("class") || "");

async function showDate(page, date) {
  await page.$eval("#date", (el, d) => { el.value = d; }, date);
  await page.click("#date-form button[type=submit]");
  await shown(page, date);
}

/** Waits until the map shows `date` (not merely loads it). */
async function shown(page, date) {
  await page.waitForFunction((d) => document.querySelector("#date-status").textContent === `Showing ${d}.`, {}, date);
}

/** No Russian or Chinese is left in the interface's own words (sources keep their titles, so
 * the state's history and the timeline are not read). */
async function onlyEnglish(page) {
  const left = await page.evaluate(() => [...document.querySelectorAll(".status, h2, h3, caption, th, label, figcaption, p, button, option")]
    .filter((el) => !el.closest("#state-panel, #timeline, #lang"))
    .map((el) => el.textContent).filter((text) => /[\u0400-\u04ff\u4e00-\u9fff]/.test(text)));
  assert.deepEqual(left, []);
}

async function noOverflow(page, width) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width + 1, `the page is ${scroll} px wide at a ${width} px viewport`);
}

async function shoot(page, selector, name) {
  await page.mouse.move(0, 0); // no hover highlight in the picture
  const el = await page.$(selector);
  await el.screenshot({ path: join(shots, `${name}.png`) });
}

const { base, child } = await startServer();
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--font-render-hinting=none"],
});

try {
  const page = await openPage(browser, 1400);

  await step("the dashboard loads every view without an error (1400 px)", async () => {
    const response = await page.goto(`${base}/`, { waitUntil: "domcontentloaded" });
    const csp = response.headers()["content-security-policy"];
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    await settled(page);
    const members = await page.$$eval("#map path.s-member", (ps) => ps.map((p) => p.dataset.iso3));
    for (const iso3 of ["CHN", "RUS", "IND", "PAK", "IRN", "BLR"]) assert.ok(members.includes(iso3), `${iso3} is a member today: ${members}`);
    assert.equal(await page.$$eval("#weight-chart svg path.line", (ps) => ps.length), 3);
    assert.ok(await page.$$eval("#world .fans figure", (fs) => fs.length) >= 10, "a fan chart per state");
    await noOverflow(page, 1400);
    await page.screenshot({ path: join(shots, "dashboard-1400.png"), fullPage: true });
  });

  await step("the slider moves the map through time", async () => {
    await page.focus("#slider");
    await page.keyboard.press("Home");
    await shown(page, "1996-04-30");
    const five = await page.$$eval("#map path.s-member", (ps) => ps.map((p) => p.dataset.iso3).sort());
    assert.deepEqual(five, ["CHN", "KAZ", "KGZ", "RUS", "TJK"], "the Shanghai Five");
    // June 2017 (India and Pakistan admitted on 9 June) and the month before.
    const index = (2017 - 1996) * 12 + (6 - 4);
    await page.$eval("#slider", (el, i) => { el.value = String(i); el.dispatchEvent(new Event("input")); }, index - 1);
    await shown(page, "2017-05-31");
    assert.match(await classOf(page, "IND"), /s-observer/);
    await page.keyboard.press("ArrowRight");
    await shown(page, "2017-06-30");
    assert.match(await classOf(page, "IND"), /s-member/);
    assert.equal(await page.$eval("#date", (el) => el.value), "2017-06-30");
    assert.match(page.url(), /date=2017-06-30/);
    // Hovering a state names it with its status on the date.
    const china = await page.$('#map path[data-iso3="CHN"]');
    await china.hover();
    await page.waitForFunction(() => !document.querySelector("#tooltip").hidden);
    assert.match(await page.$eval("#tooltip", (el) => el.textContent), /China.*Member state.*since 2001-06-15/);
    await shoot(page, "#map-view", "map");
  });

  await step("play advances the date and pause stops it", async () => {
    await showDate(page, "2001-06-30");
    await page.click("#play");
    await page.waitForFunction(() => document.querySelector("#date").value > "2001-08-31", { timeout: 10000 });
    await page.click("#play");
    await page.waitForFunction(() => document.querySelector("#play").getAttribute("aria-pressed") === "false");
  });

  await step("clicking a state shows its history with sources, and the timeline follows", async () => {
    await showDate(page, "2024-07-04");
    await page.click('#map path[data-iso3="IND"]');
    await page.waitForFunction(() => /2017-06-09/.test(document.querySelector("#state-panel").textContent));
    const panel = await page.$eval("#state-panel", (el) => el.textContent);
    assert.match(panel, /India/);
    assert.match(panel, /Member state/);
    assert.match(panel, /Sources/);
    assert.equal(await page.$eval("#tl-state", (el) => el.value), "IND");
    await page.waitForFunction(() => document.querySelectorAll("#timeline li").length > 0);
    const states = await page.$$eval("#timeline li .cat", (cs) => cs.map((c) => c.textContent));
    assert.ok(states.every((s) => !/·.*·/.test(s) || /India/.test(s)), `only India's events: ${states}`);
    await shoot(page, "#map-view", "state-history");
  });

  await step("a state is reached and chosen with the keyboard", async () => {
    // Tab from the slider reaches the map's states that hold a status; KAZ is one of them.
    await page.$eval('#map path[data-iso3="KAZ"]', (p) => p.focus());
    assert.equal(await page.$eval('#map path[data-iso3="KAZ"]', (p) => p.getAttribute("tabindex")), "0");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /Kazakhstan/.test(document.querySelector("#state-panel").textContent));
    assert.equal(await page.$eval("#state-pick", (el) => el.value), "KAZ");
  });

  await step("the timeline filters by kind and its dates drive the map", async () => {
    await page.select("#tl-state", "");
    await page.select("#tl-kind", "summit");
    await page.waitForFunction(() => {
      const cats = [...document.querySelectorAll("#timeline li .cat")].map((c) => c.textContent);
      return cats.length > 10 && cats.every((c) => c.startsWith("Summits"));
    });
    const date = await page.$eval("#timeline button.date", (b) => b.dataset.date);
    await page.click("#timeline button.date");
    await page.waitForFunction((d) => document.querySelector("#date").value === d, {}, date);
    await shoot(page, "#timeline-view", "timeline");
  });

  await step("weight and cohesion change with the grouping, and the CSV downloads", async () => {
    const downloads = mkdtempSync(join(tmpdir(), "sco-dash-"));
    const cdp = await page.createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
    await page.select("#group", "nato");
    await page.waitForFunction(() => /NATO/.test(document.querySelector("#group-status").textContent)
      && document.querySelector("#cohesion-chart svg"));
    await page.click("#weight-csv");
    await page.click("#cohesion-csv");
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline && !(existsSync(join(downloads, "sco-weight.csv")) && existsSync(join(downloads, "sco-cohesion.csv")))) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const weight = readFileSync(join(downloads, "sco-weight.csv"), "utf8").trim().split("\n");
    assert.equal(weight[0], "year,membership_date,members,population_share,gdp_usd_share,gdp_ppp_share");
    assert.ok(weight.length > 20, `${weight.length} lines`);
    assert.match(weight.find((l) => l.startsWith("2020,")), /USA/);
    const cohesion = readFileSync(join(downloads, "sco-cohesion.csv"), "utf8").trim().split("\n");
    assert.match(cohesion[0], /^year,membership_date,members,polyarchy_mean/);
    assert.deepEqual(readdirSync(downloads).sort(), ["sco-cohesion.csv", "sco-weight.csv"]);
    // A list of states typed by the reader, and a wrong one shown as the server's message.
    await page.select("#group", "custom");
    await page.$eval("#custom", (el) => { el.value = "CHN,RUS,IND"; });
    await page.click("#group-form button[type=submit]");
    await page.waitForFunction(() => /list:CHN,RUS,IND/.test(document.querySelector("#group-status").textContent));
    await shoot(page, "#weight-view", "weight-cohesion");
  });

  await step("the decision lab recomputes a case when a member's position changes", async () => {
    await page.select("#case", "development-bank");
    await page.waitForFunction(() => /Development Bank/.test((document.querySelector("#case-detail h3") || {}).textContent)
      && document.querySelector("#predictions"));
    const before = await page.$eval("#predictions tbody tr td", (td) => td.textContent);
    const rus = 'input[data-state="RUS"][data-dim="china_share"][data-coding="position"]';
    await page.$eval(rus, (el) => { el.value = "80"; el.dispatchEvent(new Event("change")); });
    await page.waitForFunction(() => /1 change/.test(document.querySelector("#lab-status").textContent));
    const after = await page.$eval("#predictions tbody tr td", (td) => td.textContent);
    assert.notEqual(after, before, "the compromise moved");
    await shoot(page, "#lab-view", "decision-lab");
    // A value outside the scale is the server's error, shown as a message.
    await page.$eval(rus, (el) => { el.value = "500"; el.dispatchEvent(new Event("change")); });
    await page.waitForFunction(() => /outside 0..=100/.test(document.querySelector("#lab-status").textContent));
    const refused = (p) => p.includes("what-if") && p.includes("position%3A500");
    assert.ok(page.problems.some(refused), "the refused change was a 400");
    page.problems.splice(0, page.problems.length, ...page.problems.filter((p) => !refused(p)));
    await page.click("#reset");
    await page.waitForFunction(() => /as coded/.test(document.querySelector("#lab-status").textContent));
    await page.select("#case", "foreign-bases-2005");
    await page.waitForFunction(() => /2005/.test((document.querySelector("#case-detail h3") || {}).textContent) && document.querySelector("#predictions"));
  });

  await step("the world model view shows the fan charts, a counterfactual beside its baseline, and the norms scenario", async () => {
    assert.equal(await page.$eval("#scenario", (el) => el.value), "world", "the world model first");
    assert.match(await page.$eval("#world-note", (el) => el.textContent), /in sample/);
    assert.equal(await page.$$eval("#world-fans figure", (fs) => fs.length), 12, "five Central Asian states and seven others");
    assert.match(await page.$eval("#world-status", (el) => el.textContent), /50 runs/);
    // Another observable is a new view of the same runs.
    await page.select("#world-target", "sco_status");
    await page.waitForFunction(() => /SCO status/.test(document.querySelector("#world").textContent));
    // A counterfactual is run on the server beside its baseline, with the same seeds.
    await page.select("#counterfactual", "iran-admitted-2008");
    await page.waitForFunction(() => document.querySelector("#world-differences"), { timeout: 90000 });
    assert.match(await page.$eval("#world-cf-what", (el) => el.textContent), /Iran/);
    assert.ok(await page.$$eval("#world-fans .cf90", (ps) => ps.length) === 12, "the counterfactual's band in every chart");
    assert.ok(await page.$$eval("#world-differences tbody tr", (rs) => rs.length) > 10);
    await shoot(page, "#world-view", "world-model");
    // Back to the hindcast, and the older norms scenario with its baselines and ablations.
    await page.select("#counterfactual", "");
    await page.waitForFunction(() => !document.querySelector("#world-differences") && document.querySelector("#world-fans"));
    await page.select("#scenario", "norms");
    assert.ok(await page.$eval("#counterfactual", (el) => el.closest(".world-only").hidden), "world-only controls hidden");
    await page.click("#world-form button[type=submit]");
    await page.waitForFunction(() => document.querySelector("#world-ablations"), { timeout: 90000 });
    const text = await page.$eval("#world-view", (el) => el.textContent);
    assert.match(text, /Persistence RMSE/);
    assert.ok(await page.$$eval("#world-ablations tbody tr", (rs) => rs.length) === 6, "none and five switches");
    await shoot(page, "#world-view", "norms-hindcast");
    await page.select("#scenario", "world");
    await page.click("#world-form button[type=submit]");
    await page.waitForFunction(() => document.querySelector("#world-fans"), { timeout: 90000 });
  });

  await step("the interface switches to Russian and Chinese, names included", async () => {
    await showDate(page, "2024-07-04");
    await page.select("#lang", "ru");
    await page.waitForFunction(() => document.querySelector("#map-title").textContent === "ШОС во времени");
    assert.match(await page.$eval("#membership", (el) => el.textContent), /Китай/);
    assert.equal(await page.$eval("html", (el) => el.lang), "ru");
    await settled(page);
    await shoot(page, "#map-view", "map-ru");
    await page.select("#lang", "zh");
    await page.waitForFunction(() => document.querySelector("#map-title").textContent === "上合组织的演变");
    assert.match(await page.$eval("#membership", (el) => el.textContent), /中国/);
    await page.waitForFunction(() => /成员的立场/.test((document.querySelector("#codings caption") || {}).textContent)
      && /折中/.test(document.querySelector("#predictions").textContent));
    await settled(page);
    await shoot(page, "#lab-view", "decision-lab-zh");
    await page.select("#lang", "en");
    await settled(page);
    await onlyEnglish(page);
  });

  await step("no console error, CSP violation or failed request at 1400 px", async () => {
    assert.deepEqual(page.problems, []);
  });

  await step("at 390 px every view renders and nothing overflows the width", async () => {
    const phone = await openPage(browser, 390, 844);
    await phone.goto(`${base}/?lang=zh`, { waitUntil: "domcontentloaded" });
    await settled(phone);
    await noOverflow(phone, 390);
    assert.ok(await phone.$$eval("#map path.s-member", (ps) => ps.length) >= 10);
    await phone.screenshot({ path: join(shots, "dashboard-390.png"), fullPage: true });
    await phone.select("#lang", "en");
    await settled(phone);
    await onlyEnglish(phone);
    await noOverflow(phone, 390);
    await shoot(phone, "#map-view", "map-390");
    await shoot(phone, "#lab-view", "decision-lab-390");
    await shoot(phone, "#weight-view", "weight-390");
    assert.deepEqual(phone.problems, []);
    await phone.close();
  });

  await step("an impossible date in the address is shown as an error, never an endless Loading…", async () => {
    const bad = await openPage(browser, 1400);
    await bad.goto(`${base}/?date=2023-02-30`, { waitUntil: "domcontentloaded" });
    await settled(bad);
    const status = await bad.$eval("#date-status", (el) => el.textContent);
    assert.match(status, /2023-02-30.*is not a date/);
    assert.equal(await bad.$eval("#date-status .error", (el) => el.getAttribute("role")), "alert");
    assert.match(status, /The map shows today, \d{4}-\d{2}-\d{2}, instead/);
    const loading = await bad.$$eval("p", (ps) => ps.filter((p) => p.textContent.includes("Loading")).length);
    assert.equal(loading, 0);
    // The one failure is the refused date itself.
    assert.equal(bad.problems.filter((p) => !p.includes("date=2023-02-30")).length, 0, bad.problems.join("\n"));
    await shoot(bad, "#map-view", "bad-date");
    await bad.close();
  });
} finally {
  await browser.close();
  child.kill("SIGTERM");
}

const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length} passed, ${failed.length} failed; screenshots in ${shots}`);
process.exit(failed.length ? 1 : 0);
