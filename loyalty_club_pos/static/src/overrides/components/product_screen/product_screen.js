import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { useBarcodeReader } from "@point_of_sale/app/barcode/barcode_reader_hook";

patch(ProductScreen.prototype, {
    setup() {
        super.setup(...arguments);
        useBarcodeReader({ club_member: this._barcodeClubMemberAction });
    },
    /** A scanned member card selects its member; ten digits that are no
     * member's code may still be a product's barcode. */
    async _barcodeClubMemberAction(code) {
        const result = await this.pos.clubFindMembers(code.code);
        if (result.status === "found") {
            await this.pos.clubSetCustomer(result.partners[0]);
            return;
        }
        if (this.pos.models["product.product"].getBy("barcode", code.code)) {
            return this._barcodeProductAction({ ...code, type: "product" });
        }
        this.notification.add(
            result.message || _t("No club member has the code %s.", code.code),
            { type: "warning" }
        );
    },
});
