/* SPDX-License-Identifier: MIT */
/* snprintf() and vsnprintf() for the freestanding guest kernel. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Output cursor: characters past the end are counted, not stored. */
struct out {
	char	*buf;
	size_t	size;
	size_t	len;
};

/* One conversion specification, as parsed from the format. */
struct spec {
	bool	left;		/* '-' */
	bool	zero;		/* '0' */
	bool	plus;		/* '+' */
	bool	space;		/* ' ' */
	bool	alt;		/* '#' */
	int	width;
	int	prec;		/* -1: none */
	int	size;		/* sizeof the integer argument */
};

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

static void out_str(struct out *o, const struct spec *sp, const char *s)
{
	size_t n;
	int pad;

	if (s == NULL)
		s = "(null)";
	n = sp->prec >= 0 ? strnlen(s, sp->prec) : strlen(s);
	pad = sp->width > (int)n ? sp->width - (int)n : 0;
	if (!sp->left)
		out_pad(o, ' ', pad);
	while (n--)
		out_char(o, *s++);
	if (sp->left)
		out_pad(o, ' ', pad);
}

/* Formats an integer: sign or prefix, precision zeros, width padding. */
static void out_num(struct out *o, const struct spec *sp, uint64_t v,
		    bool neg, unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], prefix[3];
	int n = 0, np = 0, zeros, pad;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (sp->prec == 0 && n == 1 && tmp[0] == '0')
		n = 0;
	if (neg)
		prefix[np++] = '-';
	else if (sp->plus)
		prefix[np++] = '+';
	else if (sp->space)
		prefix[np++] = ' ';
	if (sp->alt && base == 16) {
		prefix[np++] = '0';
		prefix[np++] = upper ? 'X' : 'x';
	}
	zeros = sp->prec > n ? sp->prec - n : 0;
	pad = sp->width - np - zeros - n;
	if (sp->zero && !sp->left && sp->prec < 0) {
		zeros += pad > 0 ? pad : 0;
		pad = 0;
	}
	if (!sp->left)
		out_pad(o, ' ', pad);
	for (int i = 0; i < np; i++)
		out_char(o, prefix[i]);
	out_pad(o, '0', zeros);
	while (n--)
		out_char(o, tmp[n]);
	if (sp->left)
		out_pad(o, ' ', pad);
}

/* Parses flags, width, precision and length; returns the conversion. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	memset(sp, 0, sizeof(*sp));
	sp->prec = -1;
	sp->size = sizeof(int);
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else if (*f == '+')
			sp->plus = true;
		else if (*f == ' ')
			sp->space = true;
		else if (*f == '#')
			sp->alt = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	if (*f == '.') {
		sp->prec = 0;
		if (*++f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			sp->prec = sp->prec * 10 + (*f - '0');
	}
	for (;; f++) {
		if (*f == 'h')
			sp->size = sp->size == sizeof(short) ? 1 : sizeof(short);
		else if (*f == 'l' || *f == 'z' || *f == 't' || *f == 'j')
			sp->size = sizeof(long);
		else
			break;
	}
	return f;
}

static int64_t arg_signed(const struct spec *sp, va_list *ap)
{
	if (sp->size == sizeof(long))
		return va_arg(*ap, long);
	if (sp->size == sizeof(short))
		return (short)va_arg(*ap, int);
	if (sp->size == 1)
		return (signed char)va_arg(*ap, int);
	return va_arg(*ap, int);
}

static uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
	if (sp->size == sizeof(long))
		return va_arg(*ap, unsigned long);
	if (sp->size == sizeof(short))
		return (unsigned short)va_arg(*ap, unsigned int);
	if (sp->size == 1)
		return (unsigned char)va_arg(*ap, unsigned int);
	return va_arg(*ap, unsigned int);
}

/* Handles one conversion character c; unknown ones are printed as is. */
static void convert(struct out *o, struct spec *sp, char c, va_list *ap)
{
	int64_t s;

	switch (c) {
	case 'd':
	case 'i':
		s = arg_signed(sp, ap);
		out_num(o, sp, s < 0 ? -(uint64_t)s : (uint64_t)s, s < 0, 10,
			false);
		break;
	case 'u':
		out_num(o, sp, arg_unsigned(sp, ap), false, 10, false);
		break;
	case 'x':
	case 'X':
		out_num(o, sp, arg_unsigned(sp, ap), false, 16, c == 'X');
		break;
	case 'o':
		out_num(o, sp, arg_unsigned(sp, ap), false, 8, false);
		break;
	case 'p':
		sp->alt = true;
		out_num(o, sp, (uintptr_t)va_arg(*ap, void *), false, 16, false);
		break;
	case 's':
		out_str(o, sp, va_arg(*ap, const char *));
		break;
	case 'c':
		out_char(o, (char)va_arg(*ap, int));
		break;
	default:
		out_char(o, '%');
		if (c != '%' && c != '\0')
			out_char(o, c);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &aq);
		convert(&o, &sp, *fmt, &aq);
		if (*fmt)
			fmt++;
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
