/** Snooze presets, in the agent's local time: in three hours, tomorrow at 9:00, next Monday at 9:00. */
export function snoozePresets(now = new Date()): { laterToday: Date; tomorrow: Date; nextWeek: Date } {
  const at9 = (daysAhead: number) => {
    const d = new Date(now);
    d.setDate(d.getDate() + daysAhead);
    d.setHours(9, 0, 0, 0);
    return d;
  };
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  return { laterToday: new Date(now.getTime() + 3 * 3600_000), tomorrow: at9(1), nextWeek: at9(daysToMonday) };
}
