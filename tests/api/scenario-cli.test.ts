import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, describe, expect, it } from 'vitest'
import { BOTS_DIR } from '../helpers/fixture-bot'

// `hookbench test` as CI runs it: the built CLI, a real grammY bot started with --bot, exit codes, reports.
const CLI = join(import.meta.dirname, '..', '..', 'out', 'main', 'cli.js')
const SCENARIOS = join(import.meta.dirname, '..', 'fixtures', 'scenarios')
const GREETER = `"${process.execPath}" "${join(BOTS_DIR, 'greeter-bot.js')}"`
interface JunitCase {
  '@_name': string
  failure?: { '@_message': string; '#text': string }
}
const work = mkdtempSync(join(tmpdir(), 'hb-cli-scenarios-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const hookbench = (...args: string[]) => hookbenchWith({}, ...args)

/** The built CLI with `env` added to this process's environment. */
function hookbenchWith(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

/** No such process (signal 0 refused). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return false
  } catch {
    return true
  }
}

describe.skipIf(!existsSync(CLI))('hookbench test (built CLI)', () => {
  it('runs a folder of passing scenarios against the bot: ✓ per step, a summary, exit 0', async () => {
    const pidFile = join(work, 'greeter.pid')
    const r = await hookbenchWith(
      { BOT_PID_FILE: pidFile },
      'test',
      join(SCENARIOS, 'pass'),
      '--bot',
      GREETER,
    )
    // The bot (a child of --bot's shell) stops with the run, not only the shell around it.
    expect(gone(Number(readFileSync(pidFile, 'utf8')))).toBe(true)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/greeter\.scenario\.yaml — greets, echoes and confirms/)
    expect(r.stdout).toMatch(/✓ send ada: \/start {2}\(\d+ ms\)/)
    expect(r.stdout).toMatch(/✓ expect ada: callback answer "Thanks"/)
    expect(r.stdout).not.toContain('✗')
    expect(r.stdout).toMatch(/^2 passed, 0 failed \(/m)
  }, 60_000)

  it('a wrong text fails with the place, expected vs actual, the transcript and the calls; exit 1 and JUnit', async () => {
    const report = join(work, 'report.xml')
    const r = await hookbench(
      'test',
      join(SCENARIOS, 'fail', 'wrong-text.scenario.yaml'),
      join(SCENARIOS, 'fail', 'no-reply.scenario.yaml'),
      '--bot',
      GREETER,
      '--reporter',
      'junit',
      '--output',
      report,
    )
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('✗ expect ada: "Hello, Ada"')
    expect(r.stdout).toMatch(/at \S*wrong-text\.scenario\.yaml:6\n/)
    expect(r.stdout).toContain('- expected: Hello, Ada\n      + actual:   Hi, Ada')
    expect(r.stdout).toContain('        > /start\n        < Hi, Ada')
    expect(r.stdout).toMatch(/sendMessage chat \d+ → ok/)
    expect(r.stdout).toContain('no reply from the bot in ada within 400 ms')
    expect(r.stdout).toMatch(/^0 passed, 2 failed/m)

    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(report, 'utf8'))
    expect(xml.testsuites['@_tests']).toBe('2')
    expect(xml.testsuites['@_failures']).toBe('2')
    const cases = [xml.testsuites.testsuite].flat().map((s: { testcase: JunitCase }) => s.testcase)
    expect(cases.map((c) => c['@_name'])).toEqual(['wrong greeting', 'the bot stays silent'])
    const failure = cases[0]!.failure!
    expect(failure['@_message']).toBe('expect ada: "Hello, Ada": the bot\'s next message in ada differs')
    expect(failure['#text']).toContain('expected: Hello, Ada')
    expect(failure['#text']).toContain('actual:   Hi, Ada')
  }, 60_000)

  it('a bad file is exit 2 with file:line:column', async () => {
    const r = await hookbench('test', join(SCENARIOS, 'fail', 'bad.scenario.yaml'), '--bot', GREETER)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/bad\.scenario\.yaml:6:5: .*expekt/)
  }, 30_000)

  it('a bot that dies at start: a clear error with its stderr, exit 1', async () => {
    const crash = `"${process.execPath}" "${join(BOTS_DIR, 'crash-bot.js')}"`
    const r = await hookbench('test', join(SCENARIOS, 'pass'), '--bot', crash)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('the bot exited with code 3 before it polled or set its webhook')
    expect(r.stderr).toContain('crash-bot: DATABASE_URL is not set, cannot start')
  }, 30_000)

  it('--update writes the actual text into the failing expectation, keeping comments; then it passes', async () => {
    const file = join(work, 'golden.scenario.yaml')
    const original = readFileSync(join(SCENARIOS, 'fail', 'wrong-text.scenario.yaml'), 'utf8')
    writeFileSync(file, original.replace('name:', '# keep me\nname:'))
    const r = await hookbench('test', file, '--bot', GREETER, '--update')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('1 expectation updated')
    const after = readFileSync(file, 'utf8')
    expect(after).toContain('# keep me')
    expect(after).toContain('- expect: { chat: ada, text: "Hi, Ada" }')
    expect((await hookbench('test', file, '--bot', GREETER)).code).toBe(0)
  }, 60_000)

  it('json reporter prints the full results on stdout', async () => {
    const r = await hookbench(
      'test',
      join(SCENARIOS, 'fail', 'wrong-text.scenario.yaml'),
      '--bot',
      GREETER,
      '--reporter',
      'json',
    )
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report).toMatchObject({ passed: 0, failed: 1 })
    expect(report.results[0].steps[1]).toMatchObject({
      status: 'failed',
      expected: 'Hello, Ada',
      actual: 'Hi, Ada',
    })
  }, 30_000)

  it.each([
    [[], /give at least one scenario file or folder/],
    [['x.scenario.yaml'], /give exactly one of --bot/],
    [['nowhere', '--bot', 'true'], /nowhere: no such file or folder/],
    [['x', '--bot', 'true', '--reporter', 'tap'], /--reporter must be pretty, junit or json/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const r = await hookbench('test', ...args)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })

  it('hookbench scenario schema prints the JSON Schema of scenario files', async () => {
    const r = await hookbench('scenario', 'schema')
    expect(r.code).toBe(0)
    const schema = JSON.parse(r.stdout)
    expect(schema.title).toBe('Hookbench scenario')
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'chats', 'steps']))
    expect(JSON.stringify(schema.properties.steps)).toContain('expectNoReply')
  })
})
