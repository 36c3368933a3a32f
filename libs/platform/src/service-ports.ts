/** Default HTTP port of each process; a process's `PORT` variable overrides it. */
export const SERVICE_PORTS = {
  gateway: 3000,
  organisationRegistry: 3001,
  responsibilityTracking: 3002,
  caseHandling: 3003,
  inspectionTours: 3004,
} as const;
