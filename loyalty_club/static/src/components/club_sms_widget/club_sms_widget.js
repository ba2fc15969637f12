import { useEffect, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { SmsWidget, smsWidget } from "@sms/components/sms_widget/fields_sms_widget";

// club messages from a service line end with it (loyalty.club.sms.gateway)
export const OPT_OUT_FOOTER = "لغو۱۱";

/** The club's SMS texts: a live count of characters and SMS parts, the
 * opt-out footer included (Persian is sent as UNICODE: 70 characters in one
 * SMS, 67 per part when it is split). Placeholders count as typed. */
export class ClubSmsWidget extends SmsWidget {
    static template = "loyalty_club.ClubSmsWidget";

    setup() {
        super.setup();
        // the count follows each keystroke, before the value reaches the record
        this.typed = useState({ text: null });
        useEffect(
            (textarea) => {
                if (!textarea) {
                    return;
                }
                const follow = () => (this.typed.text = textarea.value);
                textarea.addEventListener("input", follow);
                return () => textarea.removeEventListener("input", follow);
            },
            () => [this.textareaRef.el]
        );
        useEffect(
            () => {
                this.typed.text = null;
            },
            () => [this.props.record.data[this.props.name]]
        );
    }

    get smsText() {
        const value = this.typed.text ?? this.props.record.data[this.props.name];
        const body = (value || "").trimEnd();
        return body ? `${body}\n${OPT_OUT_FOOTER}` : "";
    }
    get encoding() {
        return this._extractEncoding(this.smsText);
    }
    get nbrChar() {
        const text = this.smsText;
        return text.length + (text.match(/\n/g) || []).length;
    }
    get countText() {
        return _t("%(characters)s characters with «%(footer)s»: %(parts)s SMS (%(encoding)s)", {
            characters: this.nbrChar,
            footer: OPT_OUT_FOOTER,
            parts: this.nbrSMS,
            encoding: this.encoding,
        });
    }
}

export const clubSmsWidget = { ...smsWidget, component: ClubSmsWidget };

registry.category("fields").add("club_sms_widget", clubSmsWidget);
