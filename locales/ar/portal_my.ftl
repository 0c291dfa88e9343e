## بعد تسجيل الدخول إلى البوابة
portal-account-nav = حسابك
portal-sign-in = تسجيل الدخول
portal-sign-out = تسجيل الخروج
nav-my-application = طلبي
nav-my-application-help = أين وصل طلبك، ووثائقك ورسائلك.

## الدخول برقم الملف ورمز PIN
portal-apply-with-identifier = ببريدي الإلكتروني أو رقم هاتفي وكلمة مرور
portal-apply-with-reference = ليس لدي بريد إلكتروني ولا هاتف: برقم ملفي ورمز PIN
portal-apply-pin = رمز PIN
portal-apply-pin-hint = من 6 إلى 12 رقمًا. ستدخل برقم الملف الذي يظهر في الصفحة التالية وبهذا الرمز.
portal-apply-pin-confirm = رمز PIN مرة أخرى
portal-apply-error-pin = رمز PIN من 6 إلى 12 رقمًا فقط، ولا شيء غير ذلك.
portal-apply-error-pin-guessable = هذا الرمز سهل التخمين. لا تستخدم رقمًا واحدًا مكررًا ولا أرقامًا متتالية مثل 123456.
portal-apply-error-pin-confirm = الرمزان غير متطابقين.
portal-started-sign-in-reference = للدخول لاحقًا، اكتب رقم الملف هذا في خانة اسم المستخدم ورمز PIN في خانة كلمة المرور. دوّن رقم الملف الآن.
portal-started-open = الذهاب إلى طلبي

## طلبي
portal-my-title = طلبي
portal-my-list-title = طلباتي
portal-my-none = ليس لديك أي طلب بعد.
portal-my-find = اعرف المسارات المتاحة لك
portal-my-reference = رقم الملف:
portal-my-status-title = أين وصل طلبك
portal-my-progress = الخطوات حتى الآن
portal-my-checklist-title = وثائقك
portal-my-checklist-empty = لم يحدد موظف الحالة الوثائق المطلوبة منك بعد.
portal-my-files = { $count ->
    [zero] لم يُرسل أي ملف
    [one] أُرسل ملف واحد
    [two] أُرسل ملفان
    [few] أُرسلت { $count } ملفات
   *[other] أُرسل { $count } ملفًا
}
portal-my-if-applicable = فقط إن كان ينطبق عليك
portal-my-appointments-title = المواعيد
portal-my-appointments-none = لا يوجد موعد بعد.
portal-my-messages-title = الرسائل مع موظف الحالة
portal-my-messages-none = لا توجد رسائل بعد.
portal-my-from-you = أنت
portal-my-from-office = موظف الحالة
portal-my-new = جديد
portal-my-message-label = اكتب رسالة
portal-my-message-send = إرسال الرسالة
portal-my-notes-title = ملاحظات من مكتبك

## إرسال وثيقة
portal-upload-title = إرسال وثيقة
portal-upload-item = أي وثيقة
portal-upload-item-choose = اختر وثيقة
portal-upload-file = صورة الوثيقة أو ملف PDF
portal-upload-file-hint = صورة بكاميرا الهاتف (JPEG أو PNG) أو ملف PDF، حتى { $megabytes } ميغابايت. تأكد من ظهور الزوايا الأربع ووضوح النص.
portal-upload-submit = إرسال الوثيقة
portal-upload-done = شكرًا لك. وصلت وثيقتك، ويستطيع موظف الحالة رؤيتها الآن.
portal-upload-error-closed = هذا الطلب مغلق، فلا يقبل وثائق أخرى.
error-file-required = اختر الملف الذي تريد إرساله.

## حالة الوثيقة بكلمات بسيطة
portal-item-state-missing = ما زالت مطلوبة
portal-item-state-provided = وصلت، وستُراجع
portal-item-state-verified = رُوجعت وقُبلت
portal-item-state-rejected = لم تُقبل: أرسل وثيقة جديدة من فضلك
portal-item-state-waived = غير مطلوبة

## أين وصل الطلب بكلمات بسيطة، وما الخطوة التالية
portal-status-intake = استُلم
portal-status-counselling = استشارة مع موظف الحالة
portal-status-forms = تجهيز الاستمارات والوثائق
portal-status-completeness_check = مراجعة الوثائق
portal-status-ready_for_submission = جاهز للتقديم إلى السفارة
portal-status-appointment_booked = حُجز موعد في السفارة
portal-status-submitted = لدى السفارة
portal-status-decided_approved = مقبول
portal-status-decided_refused = مرفوض
portal-status-travel = التحضير للسفر
portal-status-closed = مغلق
portal-status-on_hold = متوقف مؤقتًا
portal-status-withdrawn = مسحوب
portal-status-intake-next = وصل طلبك إلى المكتب. سيتواصل معك موظف الحالة بشأن الخطوات التالية.
portal-status-counselling-next = يدرس موظف الحالة وضعك معك. أجب عن رسائله هنا.
portal-status-forms-next = اجمع الوثائق المذكورة أدناه وأرسل هنا صورة لكل واحدة منها.
portal-status-completeness_check-next = يتحقق موظف الحالة من وجود كل وثيقة ومن صلاحيتها. إن نقص شيء ستصلك رسالة.
portal-status-ready_for_submission-next = اكتمل كل شيء. سيحجز موظف الحالة موعدك في السفارة.
portal-status-appointment_booked-next = اذهب إلى موعدك ومعك الوثائق الأصلية. التاريخ مذكور تحت «المواعيد».
portal-status-submitted-next = السفارة تدرس الطلب. قد يستغرق ذلك عدة أشهر، وستصلك رسالة عند صدور القرار.
portal-status-decided_approved-next = قُبلت تأشيرتك. سيساعدك موظف الحالة على التحضير للسفر.
portal-status-decided_refused-next = رُفض طلبك. سيشرح لك موظف الحالة السبب وما يمكنك فعله.
portal-status-travel-next = استعد لرحلتك؛ يمكن أن تساعدك جلسة توجيه على التحضير.
portal-status-closed-next = انتهى طلبك. راسل مكتبك إن كان لديك سؤال.
portal-status-on_hold-next = طلبك متوقف حاليًا. سيخبرك موظف الحالة متى يُستأنف.
portal-status-withdrawn-next = سُحب طلبك. يمكنك بدء طلب جديد في أي وقت.
