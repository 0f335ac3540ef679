/* SPDX-License-Identifier: MIT */
/*
 * vsnprintf for the hypervisor: %d %i %u %x %X %o %p %s %c %%, with flags
 * '-', '0' and '#', a field width (or *), a precision for strings, and the
 * length modifiers hh h l ll z. Always NUL-terminates when size > 0 and
 * returns the length the full output would have had.
 */
#include <hv/lib.h>

struct fmt_out {
	char	*buf;
	size_t	size;
	size_t	len;
};

static void out_char(struct fmt_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct fmt_out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

struct fmt_spec {
	bool	left;
	bool	zero;
	bool	alt;		/* '#': 0x before hex, 0 before octal */
	int	width;
	int	prec;
};

static void out_str(struct fmt_out *o, const char *s, const struct fmt_spec *f)
{
	int n;

	if (s == NULL)
		s = "(null)";
	n = (int)strnlen(s, f->prec >= 0 ? (size_t)f->prec : SIZE_MAX);
	if (!f->left)
		out_pad(o, ' ', f->width - n);
	for (int i = 0; i < n; i++)
		out_char(o, s[i]);
	if (f->left)
		out_pad(o, ' ', f->width - n);
}

static void out_prefix(struct fmt_out *o, const char *prefix)
{
	while (*prefix)
		out_char(o, *prefix++);
}

static void out_num(struct fmt_out *o, unsigned long v, bool neg,
		    unsigned int base, bool upper, const struct fmt_spec *f)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	const char *prefix = neg ? "-" : "";
	char tmp[24];
	int n = 0, len;

	if (f->alt && v && base == 16)
		prefix = upper ? "0X" : "0x";
	else if (f->alt && v && base == 8)
		prefix = "0";
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + (int)strlen(prefix);
	if (!f->left && !f->zero)
		out_pad(o, ' ', f->width - len);
	out_prefix(o, prefix);
	if (!f->left && f->zero)
		out_pad(o, '0', f->width - len);
	while (n)
		out_char(o, tmp[--n]);
	if (f->left)
		out_pad(o, ' ', f->width - len);
}

/* Reads flags, width and precision at *fmt; returns the length modifier. */
static int parse_spec(const char **fmt, struct fmt_spec *f, va_list *ap)
{
	const char *p = *fmt;
	int lng = 0;

	f->left = f->zero = f->alt = false;
	f->width = 0;
	f->prec = -1;
	for (;; p++) {
		if (*p == '-')
			f->left = true;
		else if (*p == '0')
			f->zero = true;
		else if (*p == '#')
			f->alt = true;
		else
			break;
	}
	if (*p == '*') {
		f->width = va_arg(*ap, int);
		p++;
	}
	while (*p >= '0' && *p <= '9')
		f->width = f->width * 10 + (*p++ - '0');
	if (*p == '.') {
		f->prec = 0;
		p++;
		if (*p == '*') {
			f->prec = va_arg(*ap, int);
			p++;
		}
		while (*p >= '0' && *p <= '9')
			f->prec = f->prec * 10 + (*p++ - '0');
	}
	for (;; p++) {
		if (*p == 'l' || *p == 'z')
			lng = 1;
		else if (*p != 'h')
			break;
	}
	*fmt = p;
	return lng;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = { buf, size, 0 };
	struct fmt_spec f;
	va_list aq;

	va_copy(aq, ap);
	for (; *fmt; fmt++) {
		unsigned long u;
		long s;
		int lng;

		if (*fmt != '%') {
			out_char(&o, *fmt);
			continue;
		}
		fmt++;
		lng = parse_spec(&fmt, &f, &aq);
		switch (*fmt) {
		case 'd':
		case 'i':
			s = lng ? va_arg(aq, long) : va_arg(aq, int);
			u = s < 0 ? -(unsigned long)s : (unsigned long)s;
			out_num(&o, u, s < 0, 10, false, &f);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			u = lng ? va_arg(aq, unsigned long)
				: va_arg(aq, unsigned int);
			out_num(&o, u, false,
				*fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
				*fmt == 'X', &f);
			break;
		case 'p':
			u = (unsigned long)va_arg(aq, void *);
			out_prefix(&o, "0x");
			f.zero = true;
			f.alt = false;
			f.width = 16;
			out_num(&o, u, false, 16, false, &f);
			break;
		case 's':
			out_str(&o, va_arg(aq, const char *), &f);
			break;
		case 'c':
			out_char(&o, (char)va_arg(aq, int));
			break;
		case '%':
			out_char(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			out_char(&o, '%');
			out_char(&o, *fmt);
			break;
		}
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
