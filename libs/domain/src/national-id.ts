/**
 * Resident identity numbers (公民身份号码) must never enter the permanent record, not even by
 * mistake in a free-text field: GB 11643 18-character numbers with a valid check character, and
 * the 15-digit numbers issued before 1999, each with a plausible date of birth. An 18-character
 * number is found anywhere, even inside a longer run of digits; a 15-digit one only standing alone
 * (not inside a longer run of letters or digits, such as a key in hex), where it could be nothing else.
 */
const EIGHTEEN_AT = /^\d{6}(\d{8})\d{3}[\dXx]/;
const FIFTEEN = /(?<![0-9A-Za-z])\d{6}(\d{6})\d{3}(?![0-9A-Za-z])/g;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function containsNationalId(text: string | undefined): boolean {
  if (!text || text.length < 15) return false;
  for (let start = 0; start + 18 <= text.length; start++) {
    const match = EIGHTEEN_AT.exec(text.slice(start, start + 18));
    if (!match) continue;
    const number = match[0];
    const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(number[i]), 0);
    if (CHECK[sum % 11] === number[17].toUpperCase() && plausibleBirth(match[1])) return true;
  }
  for (const match of text.matchAll(FIFTEEN)) if (plausibleBirth(`19${match[1]}`)) return true;
  return false;
}

function plausibleBirth(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  return year >= 1850 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
