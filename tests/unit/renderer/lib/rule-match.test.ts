import { describe, expect, it } from 'vitest'
import { describeActions, formatConditionValue, matchVerdict } from '@renderer/lib/rule-match'
import { ruleResult } from '../factories'

describe('matchVerdict', () => {
  it.each([
    { label: 'fires when the window would change', result: ruleResult(), expected: 'fires' },
    {
      label: 'no change when no status is reached',
      result: ruleResult({ status: null }),
      expected: 'no-change',
    },
    {
      label: 'filtered out when the filter is false',
      result: ruleResult({ filter: { value: false, error: null }, condition: null, status: null }),
      expected: 'filtered-out',
    },
    {
      label: 'error when the filter fails',
      result: ruleResult({ filter: { value: false, error: 'Unknown name tags.x' } }),
      expected: 'error',
    },
    {
      label: 'error when the condition fails',
      result: ruleResult({ condition: { value: null, error: 'Division by zero' } }),
      expected: 'error',
    },
  ])('says $label', ({ result, expected }) => {
    expect(matchVerdict(result)).toBe(expected)
  })
})

describe('formatConditionValue', () => {
  it.each([
    { value: true, expected: 'true' },
    { value: 3, expected: '3' },
    { value: null, expected: 'null' },
    { value: undefined, expected: 'undefined' },
    { value: 'text', expected: 'text' },
    { value: [1, 'a'], expected: '[1,"a"]' },
  ])('shows $value as $expected', ({ value, expected }) => {
    expect(formatConditionValue(value)).toBe(expected)
  })
})

describe('describeActions', () => {
  it('counts the actions that fire', () => {
    expect(describeActions(ruleResult())).toBe('1 of 1 action fires')
    expect(describeActions(ruleResult({ actions: [] }))).toBe('no actions')
    const two = ruleResult().actions.concat({ ...ruleResult().actions[0]!, index: 1, fires: false })
    expect(describeActions(ruleResult({ actions: two }))).toBe('1 of 2 actions fire')
  })
})
