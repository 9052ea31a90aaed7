// First-run set-up: by the set-up screen, by a set-up file at first start, or by `npm run setup`.
export { applySetup, type SetupInput } from './apply';
export { parseSetupFile, renderSetupFile, SetupFile, SETUP_FILE_KIND, SETUP_FILE_NAME } from './file';
export { provisionAtFirstStart, type ProvisionResult } from './provision';
export { completeSetupByScreen, type ScreenSetupDeps } from './screen';
