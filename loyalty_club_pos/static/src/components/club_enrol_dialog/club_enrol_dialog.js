import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { isPersian } from "@loyalty_club_pos/app/club_format";

/** Join the club at the till: a short form that enrols through the engine.
 * A mobile that already belongs to a member offers that member instead;
 * a refusal keeps what was typed. */
export class ClubEnrolDialog extends Component {
    static template = "loyalty_club_pos.ClubEnrolDialog";
    static components = { Dialog };
    static props = {
        mobile: { type: String, optional: true },
        name: { type: String, optional: true },
        getPayload: Function,
        close: Function,
    };

    setup() {
        this.pos = usePos();
        this.notification = useService("notification");
        this.form = useState({
            name: this.props.name || "",
            mobile: this.props.mobile || "",
            birthday: "",
            gender: "",
            sms_consent: false,
            referral_code: "",
        });
        this.state = useState({ busy: false, message: "" });
    }
    get birthdayPlaceholder() {
        return isPersian() ? "۱۳۷۰/۰۷/۱۵" : "1991-10-07";
    }
    get genders() {
        return [
            ["", _t("Not given")],
            ["female", _t("Female")],
            ["male", _t("Male")],
            ["other", _t("Other")],
        ];
    }
    values() {
        const values = {
            name: this.form.name.trim(),
            mobile: this.form.mobile.trim(),
            sms_consent: this.form.sms_consent,
        };
        for (const key of ["birthday", "gender", "referral_code"]) {
            if (this.form[key].trim()) {
                values[key] = this.form[key].trim();
            }
        }
        return values;
    }
    async enrol() {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            const result = await this.pos.clubEnrol(this.values());
            if (result.successful) {
                this.notification.add(result.message, { type: "success" });
                this.choose(result.partner);
                return;
            }
            if (result.partner) {
                // the mobile is a member's already: that member is selected
                this.notification.add(result.message, { type: "warning" });
                this.choose(result.partner);
                return;
            }
            this.state.message = result.message;
        } finally {
            this.state.busy = false;
        }
    }
    choose(partner) {
        this.props.getPayload(partner);
        this.props.close();
    }
}
