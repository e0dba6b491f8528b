export { callThrough } from './runner'
export { createScenarioService, type ScenarioService } from './service'
