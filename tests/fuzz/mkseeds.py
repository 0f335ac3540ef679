#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpora of tests/fuzz/<target>/ (small valid inputs
that libFuzzer mutates). Run from anywhere: python3 tests/fuzz/mkseeds.py
The outputs are committed; rerun only to change them."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    d = os.path.join(HERE, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def pad(b, a):
    return b + b'\0' * (-len(b) % a)


# --- multiboot2 information ---
def mb2_tag(t, payload):
    return pad(struct.pack('<II', t, 8 + len(payload)) + payload, 8)


def mb2(tags):
    body = b''.join(tags) + mb2_tag(0, b'')
    return struct.pack('<II', 8 + len(body), 0) + body


mmap = struct.pack('<II', 24, 0) + b''.join(
    struct.pack('<QQII', a, l, t, 0) for a, l, t in
    [(0, 0x9fc00, 1), (0xf0000, 0x10000, 2), (0x100000, 0x7fee0000, 1)])
rsdp_blob = b'RSD PTR ' + bytes(28)
write('mb2', 'grub', mb2([
    mb2_tag(1, b'console=com1 loglvl=all\0'),
    mb2_tag(2, b'GRUB 2.06\0'),
    mb2_tag(4, struct.pack('<II', 639, 2096000)),
    mb2_tag(6, mmap),
    mb2_tag(3, struct.pack('<II', 0x200000, 0x280000) + b'guest\0'),
    mb2_tag(3, struct.pack('<II', 0x300000, 0x300100) + b'initrd\0'),
    mb2_tag(15, rsdp_blob),
    mb2_tag(14, rsdp_blob[:20]),
]))
write('mb2', 'minimal', mb2([]))


# --- ELF64 PV kernels ---
def note(t, desc, name=b'Xen\0'):
    return (struct.pack('<III', len(name), len(desc), t) + pad(name, 4) +
            pad(desc, 4))


def elf(notes, in_phdr, loads, entry):
    """Ehdr, phdrs at 64, notes at 0x200, shdrs at 0x400, data at 0x800."""
    blob = b''.join(notes)
    data, phdrs, off = b'', [], 0x800
    for paddr, filesz, memsz in loads:
        phdrs.append(struct.pack('<IIQQQQQQ', 1, 5, off + len(data),
                                 paddr, paddr, filesz, memsz, 0x1000))
        data += bytes((i * 7 + 1) & 0xff for i in range(filesz))
    if in_phdr:
        phdrs.append(struct.pack('<IIQQQQQQ', 4, 4, 0x200, 0, 0,
                                 len(blob), len(blob), 4))
    shdrs = b''
    if not in_phdr:
        shdrs = (bytes(64) +
                 struct.pack('<IIQQQQIIQQ', 0, 7, 0, 0, 0x200, len(blob),
                             0, 0, 4, 0))
    eh = (b'\x7fELF\x02\x01\x01' + bytes(9) +
          struct.pack('<HHIQQQIHHHHHH', 2, 62, 1, entry, 64,
                      0x400 if shdrs else 0, 0, 64, 56, len(phdrs),
                      64 if shdrs else 0, len(shdrs) // 64, 0))
    img = bytearray(0x800)
    img[0:64] = eh
    img[64:64 + 56 * len(phdrs)] = b''.join(phdrs)
    img[0x200:0x200 + len(blob)] = blob
    img[0x400:0x400 + len(shdrs)] = shdrs
    return bytes(img) + data


q = lambda v: struct.pack('<Q', v)
write('elf', 'minios', elf([note(6, b'Mini-OS\0'), note(8, b'generic\0'),
                            note(5, b'xen-3.0\0'), note(2, q(0x2000))],
                           False, [(0, 0x100, 0x3000)], 0))
vb = 0xffffffff80000000
write('elf', 'linux', elf([
    note(3, b'\1\2\3\4', b'GNU\0'), note(6, b'linux\0'),
    note(5, b'xen-3.0\0'), note(3, q(vb)), note(4, q(0)),
    note(1, q(vb + 0x1000000)), note(2, q(vb + 0x1001000)),
    note(10, b'!writable_page_tables|pae_pgdir_above_4gb\0'),
    note(17, struct.pack('<I', 1 << 11)), note(8, b'generic\0')],
    True, [(0x1000000, 0x100, 0x2000), (0x1400000, 0x80, 0x1000)], 0))


# --- ACPI: 36-byte RSDP, then memory from physical 0x1000 ---
def csum(b):
    return (-sum(b)) & 0xff


def sdt(sig, body):
    h = bytearray(sig + struct.pack('<I', 36 + len(body)) + b'\1\0' +
                  b'SHOJI ' + bytes(20) + body)
    h[9] = csum(h)
    return bytes(h)


def rsdp(rsdt, xsdt=None):
    r = bytearray(b'RSD PTR \0SHOJI \0' + struct.pack('<I', rsdt) +
                  struct.pack('<IQ', 36, xsdt or 0) + bytes(4))
    if xsdt is not None:
        r[15] = 2
    r[8] = csum(r[:20])
    r[32] = csum(r[:36])
    return bytes(r)


def madt(entries):
    return sdt(b'APIC', struct.pack('<II', 0xfee00000, 1) + b''.join(entries))


lapic = lambda uid, i, fl: struct.pack('<BBBBI', 0, 8, uid, i, fl)
x2apic = lambda i, fl: struct.pack('<BBHIII', 9, 16, 0, i, fl, i)
ioapic = struct.pack('<BBBBII', 1, 12, 8, 0, 0xfec00000, 0)
BASE = 0x1000
m = madt([lapic(0, 0, 1), lapic(1, 1, 1), ioapic, lapic(2, 2, 2),
          lapic(3, 3, 0)])
# memory: MADT at BASE, RSDT after it.
mem = pad(m, 16)
rsdt = sdt(b'RSDT', struct.pack('<I', BASE))
write('acpi', 'v1', rsdp(BASE + len(mem)) + mem + rsdt)
m2 = madt([x2apic(300, 1), lapic(0, 1, 1), ioapic, x2apic(301, 0)])
mem = pad(m2, 16)
xsdt = sdt(b'XSDT', struct.pack('<QQ', 0x123000, BASE))
write('acpi', 'v2', rsdp(0, BASE + len(mem)) + mem + xsdt)


# --- newc cpio ---
def member(name, mode, data):
    n = name.encode() + b'\0'
    h = b'070701' + b''.join(b'%08X' % v for v in
                             (1, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0,
                              len(n), 0))
    return pad(pad(h + n, 4) + data, 4)


write('cpio', 'initrd', b''.join([
    member('.', 0o40755, b''),
    member('init.sh', 0o100644, b'echo hello\n'),
    member('etc', 0o40755, b''),
    member('etc/motd', 0o100644, b'Welcome'),
    member('TRAILER!!!', 0, b''),
]))
write('cpio', 'dotted', member('./init.sh', 0o100755, b'x') +
      member('TRAILER!!!', 0, b''))
