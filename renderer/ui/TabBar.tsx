/** One tab: its label, and a count shown beside it when above zero (what waits there). */
export interface TabItem<T extends string> {
  id: T;
  label: string;
  count?: number;
}

/**
 * A module's tabs (role=tablist), not a second navigation landmark: the frame's module list stays
 * the page's one navigation. `selected` null: none is shown as selected (an item is open instead).
 */
export function TabBar<T extends string>({ label, tabs, selected, onSelect }: { label: string; tabs: readonly TabItem<T>[]; selected: T | null; onSelect: (id: T) => void }) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button key={tab.id} type="button" role="tab" aria-selected={selected === tab.id} onClick={() => onSelect(tab.id)}>
          {tab.label}
          {tab.count !== undefined && tab.count > 0 && <span className="tab-count">{tab.count}</span>}
        </button>
      ))}
    </div>
  );
}
