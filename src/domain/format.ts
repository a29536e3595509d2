/** Number, date and length formats shared by the DOM overlay and the burned-in export overlay. */
export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US')
/** Power in MW as `2.5 GW`, `159 MW`, or `68.5 kW` below 1 MW (a one-rack layout is not "0 MW"). */
export const fmtMw = (n: number): string =>
  n >= 1000
    ? `${(n / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} GW`
    : n >= 1
      ? `${Math.round(n).toLocaleString('en-US')} MW`
      : `${(n * 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} kW`
export const fmtEf = (n: number): string =>
  n >= 1000
    ? `${(n / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} ZFLOPS`
    : `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })} EFLOPS`
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** Month 0 … 11 → `Jan` … `Dec`. */
export const fmtMonth = (month0: number): string => MONTHS[month0] ?? '?'
/** `2024-09-02` → `2 Sep 2024`. */
export function fmtDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return `${d} ${fmtMonth((m ?? 1) - 1)} ${y}`
}
/** A scale-bar length: `500 m`, `2 km`. */
export const fmtLength = (metres: number): string => (metres >= 1000 ? `${metres / 1000} km` : `${metres} m`)
