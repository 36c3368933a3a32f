export * from './content-hash';
export * from './signoff-statement';
export * from './signature-check';
export * from './signing-key';
