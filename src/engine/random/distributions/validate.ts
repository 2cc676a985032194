/** Parameter checks shared by the distribution factories; all throw RangeError. */

export function requireFinite(dist: string, name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${dist}: ${name} must be a finite number, got ${value}`);
  }
}

export function requirePositive(dist: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${dist}: ${name} must be a finite number > 0, got ${value}`);
  }
}

export function requireNonNegative(dist: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${dist}: ${name} must be a finite number >= 0, got ${value}`);
  }
}
