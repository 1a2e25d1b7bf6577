import type { NetworkInterfaceInfo } from 'node:os';

export interface ExposedInterface {
  name: string;
  addresses: string[];
}

/**
 * Interfaces a classified PC must not have: anything up that is not loopback. Node lists only
 * interfaces that have an address, which is exactly "up and configured" for this purpose.
 */
export function exposedInterfaces(all: NodeJS.Dict<NetworkInterfaceInfo[]>): ExposedInterface[] {
  const out: ExposedInterface[] = [];
  for (const [name, infos] of Object.entries(all)) {
    const addresses = (infos ?? []).filter((i) => !i.internal).map((i) => i.address);
    if (addresses.length > 0) out.push({ name, addresses });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
