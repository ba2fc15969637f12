import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";
import { patch } from "@web/core/utils/patch";
import { ClubOrderPanel } from "@loyalty_club_pos/components/club_order_panel/club_order_panel";

patch(OrderSummary, {
    components: { ...OrderSummary.components, ClubOrderPanel },
});
