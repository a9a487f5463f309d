/**
 * Finding the hub on the local network by mDNS (DNS-SD type _tableside._tcp).
 * Many conference networks block multicast, so this is only a convenience:
 * a typed address always works.
 */
import { Bonjour, type Service } from 'bonjour-service';

export interface FoundHub {
  name: string;
  address: string;
  eventId: string;
}

export class Discovery {
  private bonjour: Bonjour | null = null;
  private published: Service | null = null;

  private get instance(): Bonjour {
    this.bonjour ??= new Bonjour();
    return this.bonjour;
  }

  /**
   * Announce this hub. An mDNS service name must be unique on the network
   * (two laptops called "MacBook" would clash, and the second would not be
   * announced at all), so it carries the start of this laptop's device id.
   */
  advertise(name: string, deviceId: string, port: number, eventId: string): void {
    this.stopAdvertising();
    try {
      this.published = this.instance.publish({ name: serviceName(name, deviceId), type: 'tableside', port, txt: { event: eventId } });
      this.published.on('error', () => this.stopAdvertising());
    } catch {
      this.published = null;
    }
  }

  stopAdvertising(): void {
    this.published?.stop?.();
    this.published = null;
  }

  /** Look for hubs for a moment. */
  find(ms = 1500): Promise<FoundHub[]> {
    return new Promise((done) => {
      const found = new Map<string, FoundHub>();
      let browser: ReturnType<Bonjour['find']> | null = null;
      try {
        browser = this.instance.find({ type: 'tableside' }, (s: Service) => {
          const ip = s.addresses?.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a));
          const eventId = typeof s.txt?.event === 'string' ? s.txt.event : '';
          if (ip && eventId) found.set(`${ip}:${s.port}`, { name: s.name, address: `${ip}:${s.port}`, eventId });
        });
      } catch {
        done([]);
        return;
      }
      setTimeout(() => {
        browser?.stop();
        done([...found.values()]);
      }, ms).unref?.();
    });
  }

  close(): void {
    this.stopAdvertising();
    this.bonjour?.destroy();
    this.bonjour = null;
  }
}

/** "Tableside <laptop name> <6 characters of its device id>", at most 63 bytes as DNS labels allow. */
export function serviceName(name: string, deviceId: string): string {
  const suffix = ` ${deviceId.replace(/[^0-9a-z]/gi, '').slice(0, 6)}`;
  let base = `Tableside ${name}`;
  while (Buffer.byteLength(base + suffix) > 63) base = [...base].slice(0, -1).join('');
  return base + suffix;
}
