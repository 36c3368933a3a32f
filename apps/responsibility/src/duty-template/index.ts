export * from './duty-template';
export * from './evidence-attachments';
export * from './field-rules';
export * from './responsibility-actor';
