export { createScenarioService, type ScenarioService } from './service'
