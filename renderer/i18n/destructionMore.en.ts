import type { destructionMoreZhCN } from './destructionMore.zh-CN';

/** English for ./destructionMore.zh-CN.ts (same keys). */
export const destructionMoreEn: Record<keyof typeof destructionMoreZhCN, string> = {
  'dst.deviceStatus.reenablePending': 'Stopped; putting back into use awaits approval',
  'dst.deviceStatus.reenabled': 'Back in use',
  'dst.deviceEvent.reenableRequested': 'Asked to put it back into use; reason: {reason}',
  'dst.deviceEvent.reenableApproved': 'Putting back into use approved; opinion: {opinion}',
  'dst.deviceEvent.reenableRefused': 'Putting back into use refused; opinion: {opinion}',
  'dst.reenable.heading': 'Put back into use',
  'dst.reenable.intro': 'A stopped device whose information has not been erased may be put back into use once approved; an erased or scrapped device may not.',
  'dst.reenable.reason': 'Reason for putting it back into use',
  'dst.reenable.submit': 'Ask to put back into use',
  'dst.reenable.decide': 'Decide on putting back into use',
  'dst.reenable.mine': 'You asked for this yourself; another approver must decide.',
  'dst.reenable.done': 'The device is back in use. To stop or scrap it again, apply again.',
  'dst.refusal.DEVICE_ERASED_NO_REENABLE': 'The device’s information has been erased; it cannot be put back into use.',
  'dst.refusal.DEVICE_SCRAPPED_NO_REENABLE': 'The device was applied for scrapping; only a stopped device can be put back into use.',
  'dst.refusal.DEVICE_NOT_STOPPED': 'The device is not stopped with approval ({status}); it cannot be put back into use.',
  'dst.refusal.DEVICE_REENABLE_PENDING': 'Putting the device back into use already awaits approval; wait for the decision.',
  'dst.refusal.DEVICE_REENABLE_NOT_PENDING': 'There is no request to put the device back into use awaiting a decision ({status}). Refresh to see.',

  'dst.scan.view': 'View the certificate scan',
  'dst.scan.hide': 'Hide the scan',
  'dst.scan.checking': 'Decrypting and checking the scan…',
  'dst.scan.verified': 'Checked: the scan’s SHA-256 matches the hand-over record ({sha}).',
  'dst.scan.alt': 'Destruction certificate scan {name}',
  'dst.scan.pdf': 'The scan is a PDF ({kb} KB). This program does not open PDFs on screen, nor write the scan out to a file: a scan written out is a classified carrier itself and must be registered under the export rules first. To read it, see the paper certificate.',
  'dst.scan.tiff': 'The scan is a TIFF image ({kb} KB), which this program cannot show; for the same reason it does not write it out to a file. To read it, see the paper certificate.',
  'dst.refusal.CERTIFICATE_SCAN_MISMATCH': 'The scan’s SHA-256 differs from the hand-over record; it may have been altered and is not shown. Ask the auditor to check the audit trail, and check the paper certificate.',
  'dst.refusal.CERTIFICATE_SCAN_NOT_FOUND': 'The certificate scan kept with this batch cannot be found. Ask the auditor to check the data’s integrity.',

  'dst.new.more': 'Show {n} more',
  'dst.new.loadingMore': 'Reading more carriers…',
  'dst.new.page': 'The unit holds {total} carriers; {shown} shown, newest registration first; {chosen} chosen.',
  'dst.new.searching': 'Searching: {scanned} / {total} looked at…',
  'dst.new.searched': '{shown} found ({scanned} / {total} looked at); {chosen} chosen.',
  'dst.new.searchedAll': '{shown} found (all {total} looked at); {chosen} chosen.',

  'ledger.loanSlip.print': 'Print loan slip',
  'ledger.inventory.print': 'Print inventory result',
};
