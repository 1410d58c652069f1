/**
 * Excel provides `CustomFunctions` as a global in the custom functions runtime. Tests get a
 * stand-in with the same shape so `src/functions` runs unchanged.
 */
export class TestCustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

export function installCustomFunctionsGlobal(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = {
    Error: TestCustomFunctionsError,
    ErrorCode,
    associate: () => undefined,
  };
}
