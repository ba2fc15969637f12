/** What the till shows of the club, written as the cashier reads: Persian
 * digits and Jalali dates when the Point of Sale runs in Persian. */
import { user } from "@web/core/user";

const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

export function isPersian() {
    return (user.lang || "").replace("-", "_").startsWith("fa");
}

/** Latin digits for Persian and Arabic ones: what scanners on a Persian
 * keyboard layout and cashiers type. */
export function latinDigits(text) {
    return String(text || "").replace(/[۰-۹٠-٩]/g, (digit) => {
        const index = PERSIAN_DIGITS.indexOf(digit);
        return String(index >= 0 ? index : ARABIC_DIGITS.indexOf(digit));
    });
}

/** Whether what was typed is worth one look-up of a member on the server:
 * a mobile number or a member code (digits, spaces, dashes, a leading +). */
export function looksLikeMemberNumber(text) {
    const compact = latinDigits(text).replace(/[\s\-+()]/g, "");
    return /^\d{6,14}$/.test(compact);
}

export function formatClubNumber(value) {
    const number = Math.round(Number(value) || 0);
    return new Intl.NumberFormat(isPersian() ? "fa-IR" : "en-US").format(number);
}

/** A points figure with its sign, for what an order adds or takes. */
export function formatClubDelta(value) {
    const number = Math.round(Number(value) || 0);
    const sign = number > 0 ? "+" : number < 0 ? "−" : "";
    return sign + formatClubNumber(Math.abs(number));
}

/** A date (``YYYY-MM-DD`` or a luxon DateTime) in Jalali with Persian digits
 * for a Persian till, else the browser's short date. */
export function formatClubDate(value) {
    if (!value) {
        return "";
    }
    const date =
        typeof value === "string"
            ? new Date(`${value.slice(0, 10)}T12:00:00`)
            : value.toJSDate
            ? value.toJSDate()
            : value;
    if (Number.isNaN(date.getTime())) {
        return "";
    }
    if (isPersian()) {
        return new Intl.DateTimeFormat("fa-IR-u-ca-persian", {
            year: "numeric",
            month: "long",
            day: "numeric",
        }).format(date);
    }
    return new Intl.DateTimeFormat(user.lang?.replace("_", "-") || "en-US", {
        year: "numeric",
        month: "short",
        day: "numeric",
    }).format(date);
}

/** A member code with all but its last four digits hidden, for receipts. */
export function maskMemberCode(code) {
    if (!code) {
        return "";
    }
    const visible = code.slice(-4);
    return "•".repeat(Math.max(code.length - 4, 0)) + visible;
}

/** A moment (luxon DateTime) with its time, Jalali in Persian. */
export function formatClubDateTime(value) {
    if (!value?.toJSDate) {
        return "";
    }
    const locale = isPersian() ? "fa-IR-u-ca-persian" : user.lang?.replace("_", "-") || "en-US";
    return new Intl.DateTimeFormat(locale, {
        year: "numeric",
        month: "long",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
    }).format(value.toJSDate());
}

/** Digits as the reader reads them (Persian digits in Persian). */
export function localDigits(text) {
    if (!isPersian()) {
        return String(text || "");
    }
    return String(text || "").replace(/[0-9]/g, (digit) => PERSIAN_DIGITS[Number(digit)]);
}
