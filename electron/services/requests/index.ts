// New-account requests: the rationale the policy asks for, saved with its document for the Trust.
export * from './service';
export * from './rules';
export * from './document';
