/**
 * A local fake of the ConnectWise Manage REST API for tests and the demo (integrations.md 1
 * and 6.1): real paths, Basic auth with the clientId header, `conditions`, navigable and
 * forward-only paging with Link headers, error bodies, and a control API for edits, deletions
 * and faults (in process, or over `/__fake/*` from another process).
 */
export { CONDITIONS_HELP, compileConditions } from './conditions';
export { DEMO_CONNECTWISE, startDemoConnectWise } from './demo';
export type {
  CwCompany,
  CwContact,
  CwInvoice,
  CwRecordTypes,
  CwReference,
  CwResource,
} from './records';
export {
  startFakeConnectWise,
  type AddInput,
  type CwFault,
  type CwFaultMatch,
  type FakeConnectWise,
  type FakeConnectWiseOptions,
  type FakeConnectWiseRequest,
} from './server';
