import { describe, expect, it } from 'vitest'
import { ScenarioPath } from '@shared/scenarios'
import {
  offsetAt,
  problemSpan,
  scenarioFileName,
  scenarioHref,
  starterScenario,
} from '@renderer/lib/scenario-file'

describe('scenarioFileName', () => {
  it.each([
    ['Greets & echoes', 'greets-echoes.scenario.yaml'],
    ['  Café über Straße ', 'cafe-uber-stra-e.scenario.yaml'],
    ['already.scenario.yaml', 'already.scenario.yaml'],
    ['!!!', 'scenario.scenario.yaml'],
    ['', 'scenario.scenario.yaml'],
    ['a'.repeat(120), `${'a'.repeat(80)}.scenario.yaml`],
  ])('%j → %s', (name, file) => {
    expect(scenarioFileName(name)).toBe(file)
    expect(ScenarioPath.safeParse(file).success).toBe(true)
  })
})

describe('starterScenario', () => {
  it('names the scenario (quoted) and has a chat, a send and an expect step', () => {
    const text = starterScenario('say "hi": now')
    expect(text.split('\n')[0]).toBe('name: "say \\"hi\\": now"')
    expect(text).toContain('chats:\n  ada:')
    expect(text).toMatch(/- send: \{ chat: ada, text: \/start \}/)
    expect(text).toMatch(/- expect: \{ chat: ada/)
  })
})

describe('offsetAt and problemSpan', () => {
  const text = 'name: x\nsteps:\n  - sned: { chat: ada }\n'
  it.each([
    [1, 1, 0],
    [2, 1, 8],
    [3, 5, 19],
    [3, 999, 38],
    [99, 1, text.length],
  ])('line %i column %i → offset %i', (line, column, offset) => {
    expect(offsetAt(text, line, column)).toBe(offset)
  })

  it('underlines the word at the place, at least one character', () => {
    expect(problemSpan(text, 3, 5)).toEqual({ from: 19, to: 23 })
    expect(text.slice(19, 23)).toBe('sned')
    expect(problemSpan(text, 3, 999)).toEqual({ from: 38, to: 39 })
  })
})

describe('scenarioHref', () => {
  it('opens the file on the Scenarios page', () => {
    expect(scenarioHref('groups/help.scenario.yaml')).toBe('#/scenarios?file=groups%2Fhelp.scenario.yaml')
  })
})
