import type { DemoArticle } from "./types.js";

/** The demo knowledge base in English. */
export const EN_ARTICLES: readonly DemoArticle[] = [
  {
    key: "pay-bill",
    category: "billing",
    title: "Ways to pay your bill",
    body: `You can pay your monthly internet bill in whichever way suits you best.

## Card
Sign in to **My account**, open **Billing** and choose **Pay now**. We accept Visa, Mastercard and American Express. You can also save the card so that every bill is charged automatically on its due date.

## Direct debit
Set up a direct debit from your bank account under **Billing → Payment method**. The first collection happens on the next due date; until then, pay the open bill by card or transfer.

## Bank transfer
Transfer the amount to the account number printed on the invoice and use your **customer number** as the payment reference, otherwise we cannot match the money to your account. Transfers take one to two working days to show up.

Your bill is due on the 15th of every month. If you pay after that date, see *What happens if you pay late*.`,
    questions: [
      "do you take amex?",
      "which cards can I use for the monthly charge?",
      "how do I get my card charged automatically every month?",
      "I want the money to come straight out of my bank account each month, how do I set that up?",
      "just set up direct debit, do I still have to pay the current open bill myself?",
      "what reference do I put on a bank transfer?",
      "I sent a transfer 2 days ago and it's still not showing on my account",
      "what day of the month is my internet due?",
      "where do I settle my invoice online?",
    ],
  },
  {
    key: "invoice-explained",
    category: "billing",
    title: "Understanding your invoice",
    body: `Every month we e-mail you an invoice as a PDF. You can also download all past invoices from **My account → Billing → Invoices**.

**Why is my first invoice higher than expected?** The first invoice covers the days from your installation to the end of that month (a *pro-rata* charge) plus the full next month in advance. From the second month on, you pay the regular monthly price.

**What are the lines on the invoice?**
- *Monthly plan*: the price of your internet plan.
- *Equipment rental*: the router, if you rent it from us.
- *One-off charges*: for example a technician visit, a late payment fee or a plan change in the middle of the month.
- *VAT*: included in all prices.

If a charge looks wrong, reply to the invoice e-mail or write to us in the chat with the invoice number, and we will check it. A corrected invoice (credit note) is issued within five working days.`,
    questions: [
      "why is my first bill so high??",
      "I got charged for more than one month at the start, why?",
      "what does pro-rata mean on my invoice?",
      "where can I download old invoices?",
      "what is the equipment rental charge on my statement?",
      "is VAT included or added on top?",
      "there's a one-off charge on my bill, what is that for?",
      "I think I've been overcharged, what do I do?",
      "how long until I get a credit note for a wrong charge?",
      "do you send the bill by email or by post?",
    ],
  },
  {
    key: "late-payment",
    category: "billing",
    title: "What happens if you pay late",
    body: `If your bill is not paid by the due date, here is what happens:

1. **3 days after the due date** we send a friendly reminder by e-mail and text message.
2. **14 days after the due date** we add a late fee of $5 to your next invoice.
3. **30 days after the due date** your connection is restricted: browsing slows down to 1 Mbit/s and a notice page asks you to pay.

As soon as you pay the overdue amount by card, the full speed comes back within a few minutes. Bank transfers take one to two working days, so if you need your connection back quickly, pay by card in **My account**.

Having trouble paying this month? Contact us **before** the due date: we can split the amount into instalments or move the due date once a year.`,
    questions: [
      "I missed the due date, is there a fine?",
      "how much is the fee if I pay a couple weeks late?",
      "my internet is super slow and a page keeps telling me to pay",
      "after how many days do you slow down my connection if I don't pay?",
      "just paid what I owed, how fast will my speed come back?",
      "paid the overdue amount by bank transfer but it's still throttled, why?",
      "can I split this month's bill into instalments?",
      "can I move the date my bill is due?",
      "do you send a reminder if I forget?",
      "I can't afford this month's bill, what are my options?",
    ],
  },
  {
    key: "change-plan",
    category: "account",
    title: "Switching to a faster or cheaper plan",
    body: `You can change your internet plan at any time in **My account → Plan**.

- **Upgrading** to a faster plan takes effect within an hour. You pay the difference for the rest of the month on your next invoice.
- **Downgrading** to a slower plan takes effect at the start of your next billing period, so you keep what you already paid for.

Our plans:

| Plan | Download / upload | Price |
| --- | --- | --- |
| Basic | 100 / 20 Mbit/s | $29 |
| Plus | 300 / 60 Mbit/s | $39 |
| Max | 1000 / 200 Mbit/s | $55 |

For the Max plan, your router must support gigabit speeds. Routers we supplied before 2022 do not: we send you a new one free of charge when you upgrade.

Changing plans does not extend your contract period.`,
    questions: [
      "how do I upgrade to faster internet?",
      "how much is the gigabit package?",
      "if I go down to a cheaper package when does it kick in?",
      "how long after upgrading do I get the new speed?",
      "what's the upload speed on Plus?",
      "my router is from 2020, will it handle 1000 Mbit/s?",
      "will switching packages extend my contract?",
      "do I pay extra for the rest of the month if I upgrade halfway through?",
      "what speeds and prices do you have?",
      "what's your cheapest plan?",
    ],
  },
  {
    key: "router-setup",
    category: "internet",
    title: "Setting up your router",
    body: `Your router arrives ready to use. To connect it:

1. Plug the **grey cable** from the fibre box on the wall into the port marked **WAN** (it is blue) on the router.
2. Connect the power adapter and switch the router on with the button at the back.
3. Wait two to three minutes until the **Internet** light is steady green.
4. Connect your phone or computer to the Wi-Fi network printed on the sticker under the router, using the key printed there.

If the Internet light stays red or blinks orange, check that the cable is firmly plugged in at both ends and that the fibre box shows a green light.

You can change the settings of the router in a browser at **192.168.1.1**. The administrator password is on the same sticker. We recommend you change it the first time you sign in.`,
    questions: [
      "just got the box in the mail, how do I hook it up?",
      "which port does the grey cable go into?",
      "the internet light keeps blinking orange",
      "how long do I wait after switching it on?",
      "where do I find the wifi name and key for the new modem?",
      "how do I get into the router settings?",
      "what's the admin password for the router?",
      "the internet light stays red after plugging everything in",
      "where's the on/off button on the router?",
    ],
  },
  {
    key: "wifi-password",
    category: "internet",
    title: "Changing your Wi-Fi name and password",
    body: `To give your wireless network a new name or a new key:

1. Connect a device to the router (by Wi-Fi or by cable).
2. Open **192.168.1.1** in a browser and sign in with the administrator password from the sticker under the router.
3. Go to **Wireless → Security**.
4. Type the new network name (SSID) and the new key. Use at least 12 characters.
5. Select **Save**. The router restarts its wireless network, and every device must connect again with the new key.

Do you share your flat? Turn on the **guest network** in the same menu: visitors get internet access without seeing your own devices.

Forgot the administrator password? Hold the reset button at the back of the router for 10 seconds with a paperclip. The router returns to its factory settings and the password on the sticker works again.`,
    questions: [
      "how do I rename my wifi network?",
      "I want a new wireless key, how do I change it?",
      "forgot the admin password for 192.168.1.1",
      "can visitors use my internet without seeing my devices?",
      "changed the key and now my laptop won't connect",
      "how long should the new key be?",
      "how do I factory reset the router?",
      "my flatmate's friends keep asking for the wifi, can I make a separate network for them?",
      "where in the settings do I change the SSID?",
      "I think the neighbours know my wifi password, how do I change it?",
    ],
  },
  {
    key: "slow-internet",
    category: "internet",
    title: "Slow internet: what to check",
    body: `If pages load slowly or videos keep buffering, try these steps in order:

1. **Measure with a cable.** Connect a computer to the router with a network cable and run a speed test at speed.example.com. If the result is close to your plan's speed, the connection is fine and the problem is the wireless signal.
2. **Restart the router.** Switch it off, wait 30 seconds and switch it on again.
3. **Move closer or change the band.** Walls, floors and microwave ovens weaken Wi-Fi. The 5 GHz network is faster but has a shorter range; the 2.4 GHz network reaches further but is slower. Put the router in a central, open place, not in a cupboard.
4. **Check what else is downloading.** Game updates, cloud backups and streaming in 4K on several devices at once share the same connection.
5. **Evenings.** If it is only slow between 7 and 11 pm, note the times and the speed test results and send them to us: we will check the network in your street.

Still slow with a cable? Write to us with your speed test results and we will run a line test remotely.`,
    questions: [
      "netflix keeps buffering all the time",
      "my speeds are way lower than what I pay for",
      "the internet only crawls in the evenings",
      "should I use 5 GHz or 2.4 GHz?",
      "wifi is really weak in my bedroom, any tips?",
      "how do I run a speed test properly?",
      "where's the best place to put my router?",
      "it's still slow even with an ethernet cable, what now?",
      "pages take forever to load",
      "could my kids' game downloads be dragging everything down?",
    ],
  },
  {
    key: "no-connection",
    category: "internet",
    title: "No internet connection at all",
    body: `If none of your devices can go online:

- **Check the outage map** at status.example.com. If there is planned maintenance or a fault in your area, you will see when it should be fixed, and there is nothing you need to do.
- **Look at the lights.** A red *LOS* light on the fibre box means the signal does not reach your home: the fibre cable may be bent or unplugged. Do not bend the thin yellow cable, and check that its plug clicks in.
- **Restart everything.** Switch off the fibre box and the router, wait a minute, then switch on the fibre box first and the router two minutes later.
- **Check your account.** An unpaid bill more than 30 days overdue restricts the connection (see *What happens if you pay late*).

If nothing helps, report a fault in **My account → Support** or in the chat. We usually fix faults within 24 hours, and you get a credit for every full day you were without service.`,
    questions: [
      "internet is completely down, nothing connects",
      "is there an outage in my area right now?",
      "red LOS light on the fibre box, what does that mean?",
      "in what order should I restart the fibre box and the router?",
      "how do I report a fault?",
      "how long does it usually take you to fix it?",
      "do I get money back for the days without internet?",
      "none of my devices can get online since this morning",
      "the thin yellow cable got bent, could that be why?",
      "could an overdue bill be the reason my internet stopped working?",
    ],
  },
  {
    key: "installation",
    category: "internet",
    title: "Your installation appointment",
    body: `After you order, we call you within two working days to book a visit from our technician. The installation itself takes about two hours.

**Before the visit**
- Make sure someone over 18 is at home for the whole appointment.
- Decide where you want the fibre box: near a power socket, ideally where the router can sit in an open, central place.
- If you live in a block of flats, ask the building manager whether we may run a cable through the shared areas.

**During the visit** the technician brings the fibre into your home, installs the fibre box, connects the router and checks the speed with you.

**Need another date?** You can change the appointment free of charge up to 24 hours before it in **My account → Installation**, or by calling us. If nobody is at home at the agreed time, a new visit costs $30.`,
    questions: [
      "when will you call to book the technician?",
      "how long does the install take?",
      "does someone have to be home while the technician is there?",
      "can I reschedule the technician visit?",
      "what happens if I'm not home when they come?",
      "where should I put the fibre box?",
      "I live in a block of flats, do I need permission from anyone?",
      "what does the technician actually do on the day?",
      "can my 16 year old let the technician in?",
    ],
  },
  {
    key: "moving",
    category: "account",
    title: "Moving to a new address",
    body: `Taking your internet with you when you move is easy, as long as we cover your new address.

1. Check your new address on our coverage map at example.com/coverage.
2. Tell us your moving date at least **two weeks in advance** in **My account → Move my service**, or in the chat.
3. We book an installation at the new address for the day you choose. Moving the service is free once a year; after that it costs $40.
4. Take your router with you. The fibre box stays in the old flat.

Your contract, plan and price stay the same; only the address changes.

If we do not cover your new address, you can end your contract without the early termination fee: send us a copy of your new rental agreement or proof of address.`,
    questions: [
      "I'm relocating next month, can I take my internet with me?",
      "how much notice do you need before I move house?",
      "is transferring my service to a new place free?",
      "do I take the fibre box with me?",
      "how do I check if you cover my new address?",
      "what if you don't offer service at my new flat?",
      "will my price change if I move?",
      "do I need to bring the router to the new apartment?",
      "this is my second move this year, does it cost anything?",
    ],
  },
  {
    key: "cancel",
    category: "account",
    title: "Ending your contract",
    body: `We are sorry to see you go. To end your internet contract:

- Send the request from **My account → Contract → End contract**, or write to us. Tell us the date you want the service to stop.
- The notice period is **30 days**. The service runs until the end of that period, and your final invoice covers it.
- If you are still within the minimum term of 12 months, an early termination fee applies: $10 for each remaining month.
- Return the rented router within 14 days after the service ends. Bring it to any of our shops or send it with the free return label we e-mail you. A router not returned is charged at $80.

You do not need to return the fibre box: it belongs to the building.

Changed your mind? You can withdraw the request at any time before the service ends.`,
    questions: [
      "how do I cancel my internet?",
      "how much notice do I have to give?",
      "is there a penalty for leaving before 12 months?",
      "I'm 8 months in, how much would it cost to leave now?",
      "what do I do with the router after I quit?",
      "what happens if I don't send the router back?",
      "do I have to give back the fibre box too?",
      "I changed my mind, can I undo my cancellation?",
      "will I get another bill after I leave?",
      "where can I drop off the router?",
    ],
  },
  {
    key: "account-password",
    category: "account",
    title: "Can't sign in to My account",
    body: `If you forgot the password of your customer account:

1. Go to the sign-in page and select **Forgot password?**.
2. Enter the e-mail address you used when you became a customer.
3. We send you a link to choose a new password. It works for one hour.

**No e-mail arrived?** Check your spam or junk folder, and wait a few minutes. Make sure you typed the address you registered with: if you changed your e-mail since, use the old one or contact us.

**Account locked?** After five wrong passwords in a row, the account is locked for 15 minutes to protect you. Wait, then try again or reset the password.

For your security, our team will never ask you for your password, in the chat or by phone.`,
    questions: [
      "forgot my password for the customer portal",
      "the reset link never arrived",
      "how long is the reset link valid?",
      "it says my account is locked",
      "I changed my email since signing up, which one do I use to reset?",
      "I can't log in to My account",
      "someone from support asked for my password, is that legit?",
      "how many wrong tries before it locks me out?",
      "where is the link to recover my login?",
    ],
  },
  {
    key: "returns",
    category: "orders",
    title: "Returning a product and getting your money back",
    body: `You can return anything you bought in our online shop within **30 days** of delivery, for any reason.

1. Open **My orders**, choose the order and select **Return items**.
2. Print the return label and pack the item, ideally in its original box, with all accessories.
3. Drop the parcel at any post office. The return shipping is free.

We refund the money to the card or account you paid with **within 5 working days** after the parcel reaches our warehouse. Your bank may take a few more days to show it.

Items that cannot be returned: opened software, gift cards, and earphones whose seal was broken, for hygiene reasons.

Is the product faulty rather than unwanted? See *Faulty products and warranty* instead: warranty repairs are handled differently.`,
    questions: [
      "can I send back something I bought from your shop?",
      "how many days do I have to return an item?",
      "do I have to pay for return shipping?",
      "when will I get my refund?",
      "can I return earphones I already opened?",
      "can I return a gift card?",
      "do I need the original packaging to send it back?",
      "changed my mind about a purchase, can I get my money back?",
      "where do I get a return label?",
      "which card does the refund go to?",
    ],
  },
  {
    key: "delivery",
    category: "orders",
    title: "Delivery times and tracking your parcel",
    body: `Orders placed on working days before 2 pm leave our warehouse the same day.

| Method | Delivery time | Cost |
| --- | --- | --- |
| Standard | 2–4 working days | $4.90, free over $50 |
| Express | next working day | $9.90 |
| Pick-up point | 2–3 working days | $2.90 |

As soon as the parcel leaves, we send you an e-mail with the **tracking number** and a link to follow it. You can also see it under **My orders**.

**The tracking has not moved for days?** Carriers sometimes scan a parcel only when it arrives at the depot. If nothing changes for five working days, contact us and we will open an investigation with the carrier.

**Parcel marked as delivered, but you do not have it?** Check with neighbours and your building's reception first, then tell us within 48 hours.`,
    questions: [
      "how long does shipping take?",
      "is delivery free?",
      "how much is next day delivery?",
      "where's my tracking number?",
      "tracking hasn't updated in days",
      "it says delivered but I never got it",
      "what time do I need to order by for it to ship the same day?",
      "can I get it sent to a pick-up point? how much is that?",
      "what's the cheapest way to get my order?",
    ],
  },
  {
    key: "warranty",
    category: "orders",
    title: "Faulty products and warranty",
    body: `Every product from our shop has a **2-year warranty** from the date of delivery.

If something stops working:

1. Check the manual's troubleshooting section; many problems are solved by a reset or an update.
2. Open **My orders**, choose the product and select **Report a fault**. Describe what happens and, if you can, add a photo or a short video.
3. Send the product to us with the free label, or bring it to a shop.

We decide within 30 days: we repair the product, replace it or, if neither is possible, refund you. During a repair of a router we rent you, we lend you a replacement the next working day.

Damage caused by a fall, water or a power surge is not covered by the warranty, but we can offer a paid repair.`,
    questions: [
      "my headphones stopped working after a few months, is that covered?",
      "how long is the guarantee on your products?",
      "how do I report a broken product?",
      "I dropped it on the floor, will you fix it for free?",
      "how long does a repair take?",
      "the router I rent from you died, will I get a spare while it's fixed?",
      "what if it can't be repaired?",
      "it got wet, is water damage covered?",
      "can I bring the faulty item to a shop instead of mailing it?",
      "should I send a photo of the defect?",
    ],
  },
  {
    key: "order-change",
    category: "orders",
    title: "Changing or cancelling an order",
    body: `You can change or cancel an order as long as it has not left our warehouse yet.

- **Change the delivery address or method:** open **My orders**, choose the order and select **Edit**. The button is available until the order's status becomes *Shipped*.
- **Add or remove items:** not possible in an order that was already paid. Cancel it and place a new one instead.
- **Cancel the order:** select **Cancel order**. If you paid by card, the amount is released within 3 working days; a bank transfer is sent back within 5 working days.

Already shipped? Refuse the parcel when the courier brings it, or return it afterwards within 30 days (see *Returning a product and getting your money back*).`,
    questions: [
      "can I change the shipping address on my order?",
      "I want to add another item to an order I already paid for",
      "how do I cancel an order?",
      "cancelled my order, paid by card, when does the money come back?",
      "the edit button is gone, why?",
      "it's already shipped, can I still cancel?",
      "can I switch to express after ordering?",
      "paid by bank transfer and cancelled, when do I get refunded?",
      "ordered the wrong thing, can I remove it from the order?",
    ],
  },
  {
    key: "refund-approvals",
    category: "team",
    visibility: "internal",
    title: "Refund approvals: who may approve what",
    body: `Internal procedure for the support team.

- Refunds **up to $100** may be approved by any agent, once the returned item has arrived in the warehouse.
- Refunds **from $100 to $500** need a supervisor: add the tag *refund-approval* and assign the conversation to the on-call supervisor.
- Refunds **over $500** and any refund without a returned item go to the finance team by e-mail (finance@example.com).

Always write the order number and the amount in a note before approving.`,
  },
];
