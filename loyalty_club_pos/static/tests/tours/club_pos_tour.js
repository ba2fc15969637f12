/* The club at the till, as a cashier works: scan a card, type a mobile with
 * Persian digits, enrol, see the points, redeem, pay, read the receipt,
 * refund. The Python side (tests/test_pos_tours.py) sets the data up and
 * checks the ledger after each tour. */
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as TicketScreen from "@point_of_sale/../tests/tours/utils/ticket_screen_util";
import * as PartnerList from "@point_of_sale/../tests/tours/utils/partner_list_util";
import * as Order from "@point_of_sale/../tests/tours/utils/generic_components/order_widget_util";
import { registry } from "@web/core/registry";

function has(trigger, content = trigger) {
    return { content, trigger };
}
function click(trigger, content = `click ${trigger}`) {
    return { content, trigger, run: "click" };
}
function panelShows(selector, text) {
    return has(`.o_club_order_panel ${selector}:contains("${text}")`);
}
function payByBank() {
    return [
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod("Bank"),
        PaymentScreen.clickValidate(),
        ReceiptScreen.receiptIsThere(),
    ];
}
/** Type in the customer list's search box (no Enter). */
function searchCustomer(text) {
    return [
        ProductScreen.clickPartnerButton(),
        { trigger: ".modal-dialog .input-group input", run: `edit ${text}` },
    ];
}
function clickClubRewards() {
    return click(".product-screen .o_club_rewards_button");
}

registry.category("web_tour.tours").add("loyalty_club_pos_scan_and_earn", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline("Desk Pad", "10"),
            // a card scanned on a Persian keyboard layout
            ProductScreen.scan_barcode("۰۹۸۷۶۵۴۳۲۴"),
            ProductScreen.customerIsSelected("Sara Rahimi"),
            panelShows(".o_club_tier", "Till Gold"),
            panelShows(".o_club_balance", "300"),
            panelShows(".o_club_pending", "+40"),
            panelShows(".o_club_expiring", "120"),
            panelShows(".o_club_no_sms", "No SMS consent"),
            // 10 × 20 = 200 paid: 20 points by the server's rule
            panelShows(".o_club_preview_points", "+20"),
            // a change of the order makes the preview stale until payment
            ProductScreen.addOrderline("Desk Pad", "1"),
            has(".o_club_order_panel .o_club_preview_refresh"),
            payByBank(),
            has(".o_club_receipt .o_club_receipt_member:contains('Sara Rahimi')"),
            has(".o_club_receipt .o_club_receipt_code:contains('••••••4324')"),
            has(".o_club_receipt .o_club_receipt_tier:contains('Till Gold')"),
            has(".o_club_receipt .o_club_receipt_points:contains('+22')"),
            has(".o_club_receipt .o_club_receipt_pending"),
            has(".o_club_receipt .o_club_receipt_pending_balance:contains('62')"),
            ReceiptScreen.clickNextOrder(),
            // an unknown code: a clear message, nobody selected
            ProductScreen.scan_barcode("1234567897"),
            has(".o_notification:contains('No club member has the code 1234567897')"),
            has(".product-screen .set-partner:not(:contains('Sara'))", "nobody selected"),
            Chrome.endTour(),
        ].flat(Infinity),
});

registry.category("web_tour.tours").add("loyalty_club_pos_find_and_enrol", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // a mobile typed with Persian digits and spaces, no Enter
            searchCustomer("۰۹۱۲ ۴۴۴ ۵۵۶۶"),
            has(".partner-list .partner-line:contains('Sara Rahimi') .o_club_tier:contains('Till Gold')"),
            PartnerList.clickPartner("Sara Rahimi"),
            ProductScreen.customerIsSelected("Sara Rahimi"),
            // a new number: the enrol form, the mobile already filled in
            searchCustomer("+98 935 111 2233"),
            has(".o_club_lookup_not_found:contains('No club member has the mobile number')"),
            click(".o_club_lookup_not_found button"),
            has(".o_club_enrol_form input[name=mobile]:value('+98 935 111 2233')"),
            { trigger: ".o_club_enrol_form input[name=name]", run: "edit Reza Karimi" },
            { trigger: ".o_club_enrol_form input[name=birthday]", run: "edit ۱۳۷۰/۰۷/۱۵" },
            { trigger: ".o_club_enrol_form select[name=gender]", run: "select male" },
            click(".o_club_enrol_form input[name=sms_consent]"),
            click(".modal .o_club_enrol_confirm"),
            has(".o_notification:contains('Reza Karimi joined the club')"),
            ProductScreen.customerIsSelected("Reza Karimi"),
            // joining twice with the same mobile selects the member
            ProductScreen.clickPartnerButton(),
            click(".o_club_enrol_button"),
            { trigger: ".o_club_enrol_form input[name=name]", run: "edit Someone Else" },
            { trigger: ".o_club_enrol_form input[name=mobile]", run: "edit 09124445566" },
            click(".modal .o_club_enrol_confirm"),
            has(".o_notification:contains('already belongs to the club member Sara Rahimi')"),
            ProductScreen.customerIsSelected("Sara Rahimi"),
            // a wrong number is refused and what was typed stays
            ProductScreen.clickPartnerButton(),
            click(".o_club_enrol_button"),
            { trigger: ".o_club_enrol_form input[name=name]", run: "edit Typo Person" },
            { trigger: ".o_club_enrol_form input[name=mobile]", run: "edit 0912" },
            click(".modal .o_club_enrol_confirm"),
            has(".o_club_enrol_message:contains('is not an Iranian mobile number')"),
            has(".o_club_enrol_form input[name=name]:value('Typo Person')"),
            Chrome.endTour(),
        ].flat(Infinity),
});

registry.category("web_tour.tours").add("loyalty_club_pos_redeem_and_refund", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline("Desk Pad", "10"),
            searchCustomer("Sara"),
            PartnerList.clickPartner("Sara Rahimi"),
            ProductScreen.customerIsSelected("Sara Rahimi"),
            clickClubRewards(),
            // what the member cannot take says why
            has(".o_club_reward:disabled:contains('Big Gift') .o_club_reward_reason"),
            click(".o_club_reward.o_club_reward_redeemable:contains('50 off')"),
            has(".o_notification:contains('50 off is on the order')"),
            Order.hasLine({ productName: "50 off" }),
            ProductScreen.totalAmountIs("150.00"),
            panelShows(".o_club_balance", "200"),
            // the customer changes: the reward leaves, the points come back
            searchCustomer("Walk"),
            PartnerList.clickPartner("Walk-in Buyer"),
            has(".o_notification:contains('belongs to Sara Rahimi and was removed')"),
            has(".o_notification:contains('cancelled: the points are back')"),
            ProductScreen.totalAmountIs("200.00"),
            // back to the member; a redemption on an order then emptied
            // gives the points back too
            searchCustomer("Sara"),
            PartnerList.clickPartner("Sara Rahimi"),
            panelShows(".o_club_balance", "300"),
            clickClubRewards(),
            click(".o_club_reward.o_club_reward_redeemable:contains('50 off')"),
            panelShows(".o_club_balance", "200"),
            click(".order-container .orderline:has(.product-name:contains('Desk Pad'))"),
            ProductScreen.clickNumpad("⌫"),
            ProductScreen.clickNumpad("⌫"),
            has(".o_notification:contains('cancelled: the points are back')"),
            panelShows(".o_club_balance", "300"),
            // redeem again and pay
            ProductScreen.addOrderline("Desk Pad", "10"),
            clickClubRewards(),
            click(".o_club_reward.o_club_reward_redeemable:contains('50 off')"),
            ProductScreen.totalAmountIs("150.00"),
            // 150 really paid: 15 points
            panelShows(".o_club_preview_points", "+15"),
            payByBank(),
            has(".o_club_receipt .o_club_receipt_points:contains('+15')"),
            has(".o_club_receipt .o_club_receipt_balance:contains('200')"),
            ReceiptScreen.clickNextOrder(),
            // refund 5 of the 10 desk pads
            ProductScreen.clickRefund(),
            TicketScreen.selectOrder("-0001"),
            Order.hasLine({ productName: "Desk Pad", run: "click" }),
            ProductScreen.clickNumpad("5"),
            TicketScreen.confirmRefund(),
            ProductScreen.isShown(),
            payByBank(),
            has(".o_club_receipt .o_club_receipt_points:contains('−8')"),
            ReceiptScreen.clickNextOrder(),
            Chrome.endTour(),
        ].flat(Infinity),
});

registry.category("web_tour.tours").add("loyalty_club_pos_offline", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline("Desk Pad", "10"),
            ProductScreen.scan_barcode("0987654324"),
            panelShows(".o_club_preview_points", "+20"),
            {
                // calls fail as offline; the paid order stays in the till's
                // queue (what syncAllOrders leaves when the server is out of
                // reach, without the reconnection dialog of a real outage)
                content: "the till loses the network",
                trigger: ".pos",
                run: () => {
                    window.posmodel.data.network.offline = true;
                    window.posmodel.syncAllOrders = async () => [];
                },
            },
            ProductScreen.addOrderline("Desk Pad", "1"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.receiptIsThere(),
            has(".o_club_receipt .o_club_receipt_unsynced"),
            has(".o_club_receipt:not(:has(.o_club_receipt_points))", "no made-up figure"),
            ReceiptScreen.clickNextOrder(),
            {
                content: "the network is back: the queue is synced, twice",
                trigger: ".pos",
                run: async () => {
                    window.posmodel.data.network.offline = false;
                    delete window.posmodel.syncAllOrders;
                    await window.posmodel.syncAllOrders();
                    await window.posmodel.syncAllOrders();
                },
            },
            Chrome.isSyncStatusConnected(),
            ProductScreen.isShown(),
            Chrome.endTour(),
        ].flat(Infinity),
});

registry.category("web_tour.tours").add("loyalty_club_pos_persian", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm(),
            ProductScreen.addOrderline("Desk Pad", "10"),
            ProductScreen.scan_barcode("0987654324"),
            ProductScreen.customerIsSelected("Sara Rahimi"),
            panelShows(".o_club_balance", "۳۰۰"),
            {
                content: "the till is right to left",
                trigger: "body.o_rtl .o_club_order_panel",
                run: () => {
                    for (const selector of [".product-screen", ".o_club_order_panel"]) {
                        const direction = getComputedStyle(document.querySelector(selector)).direction;
                        if (direction !== "rtl") {
                            throw new Error(`${selector} is written ${direction}`);
                        }
                    }
                },
            },
            panelShows(".o_club_no_sms", "پیامک"),
            panelShows(".o_club_preview_points", "+۲۰"),
            payByBank(),
            has(".o_club_receipt[dir=rtl] .o_club_receipt_points:contains('+۲۰')"),
            has(".o_club_receipt[dir=rtl]:contains('باشگاه مشتریان')"),
            // the receipt's date: Jalali, Persian digits
            has(".pos-receipt #order-date:contains('۱۴')"),
            ReceiptScreen.clickNextOrder(),
            Chrome.endTour(),
        ].flat(Infinity),
});

// README's walkthrough on the demo data (Furniture Shop, سارا محمدی)
registry.category("web_tour.tours").add("loyalty_club_pos_demo", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.scan_barcode("0000000018"),
            ProductScreen.customerIsSelected("سارا محمدی"),
            panelShows(".o_club_tier", "Gold"),
            ProductScreen.addOrderline("Large Desk", "1"),
            click(".o_club_order_panel .o_club_preview_refresh"),
            panelShows(".o_club_preview_points", "+"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Card"),
            PaymentScreen.clickValidate(),
            has(".o_club_receipt .o_club_receipt_points:contains('+')"),
            ReceiptScreen.clickNextOrder(),
            // a later order: redeem a reward
            ProductScreen.scan_barcode("0000000018"),
            ProductScreen.addOrderline("Large Desk", "1"),
            clickClubRewards(),
            click(".o_club_reward.o_club_reward_redeemable:contains('10 off your next order')"),
            Order.hasLine({ productName: "10 off your next order" }),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Card"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.receiptIsThere(),
            ReceiptScreen.clickNextOrder(),
            // refund the first sale
            ProductScreen.clickRefund(),
            TicketScreen.selectOrder("-0001"),
            click(".order-container .orderline:has(.product-name:contains('Large Desk'))"),
            ProductScreen.clickNumpad("1"),
            TicketScreen.confirmRefund(),
            ProductScreen.isShown(),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Card"),
            PaymentScreen.clickValidate(),
            has(".o_club_receipt .o_club_receipt_points:contains('−')"),
            ReceiptScreen.clickNextOrder(),
            Chrome.endTour(),
        ].flat(Infinity),
});
