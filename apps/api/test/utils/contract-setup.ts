import { takeContractMismatches } from './contract';

// A response that differs from openapi/openapi.json fails the test that received it; one
// received in a beforeAll fails the file's first test, one in an afterAll the file.
afterEach(() => {
  const report = takeContractMismatches();
  if (report) throw new Error(report);
});

afterAll(() => {
  const report = takeContractMismatches();
  if (report) throw new Error(report);
});
