// The npm peer for `make bench`: @point-of-sale/receipt-printer-encoder
// building the same English voucher receipt as kiosk/receipts, once with the
// QR drawn as a raster image (made with the npm qrcode package: the same work
// as ours) and once with the printer's native QR command (less work).
// Prints one line: {"raster_ms": x, "native_ms": y} (medians).
// Usage: node bench_peer.mjs VOUCHER_TEXT SHORT_CODE
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import QRCode from 'qrcode';

const [voucher, code] = process.argv.slice(2);

function qrImage(text) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size, scale = 4, quiet = 4;
  let px = (modules + 2 * quiet) * scale;
  px += (8 - (px % 8)) % 8;  // the encoder wants whole bytes per row
  const data = new Uint8ClampedArray(px * px * 4).fill(255);
  for (let y = 0; y < modules; y++) {
    for (let x = 0; x < modules; x++) {
      if (!qr.modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + quiet) * scale + dy) * px + (x + quiet) * scale + dx) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
      }
    }
  }
  return { data, width: px, height: px };
}

function receipt(nativeQr) {
  const e = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: 32 });
  e.initialize().codepage('cp858').align('center').bold(true).size(2, 2)
    .line('Sofa & Co. Store 12').size(1, 1).bold(false).rule()
    .bold(true).line('Sofa Oslo').bold(false).newline()
    .size(2, 2).bold(true).line('You are #7').size(1, 1).bold(false)
    .line('3 more needed').newline().align('left')
    .line('Price now: €599.00').line('Can fall to: €499.00').line('Regular price: €999.00')
    .line('  10 people: €599.00').line('  20 people: €549.00').line('  50 people: €499.00')
    .newline().bold(true).line('Needs 10 people by Wed 22 Nov 23:13').bold(false)
    .line('You pay at most €599.00, the price of the best tier reached. The organizer fee of 2.5% is included.')
    .line('You may cancel until Tue 21 Nov 23:13.').line('Redeem by 14 Dec 2023').newline()
    .align('center');
  if (nativeQr) e.qrcode(voucher, 2, 4, 'm');
  else { const img = qrImage(voucher); e.image(img, img.width, img.height, 'threshold'); }
  e.bold(true).size(2, 1).line('Code ' + code).size(1, 1).bold(false).rule().align('left')
    .line('If fewer than 10 people join by Wed 22 Nov 23:13, this voucher is void and you pay nothing.')
    .newline().newline().newline().cut('partial');
  return e.encode();
}

function median(fn, n) {
  for (let i = 0; i < 20; i++) fn();  // warm the JIT
  const t = [];
  for (let i = 0; i < n; i++) {
    const s = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(n / 2)];
}

console.log(JSON.stringify({ raster_ms: median(() => receipt(false), 200),
                             native_ms: median(() => receipt(true), 200) }));
