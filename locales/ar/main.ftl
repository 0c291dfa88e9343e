# واجهة Corridor، العربية.

skip-to-content = الانتقال إلى المحتوى
demo-banner = نسخة تجريبية: بيانات نموذجية فقط، ويمكن للمسؤولين تسجيل الدخول دون عامل التحقق الثاني. يُرجى عدم إدخال بيانات شخصية حقيقية.
nav-label = القائمة الرئيسية
language-label = اللغة
# This language, as its speakers name it, and its writing direction (ltr or rtl).
language-native-name = العربية
language-direction = rtl
sign-out = تسجيل الخروج
back-home = العودة إلى صفحة البداية
back-previous = العودة إلى الصفحة السابقة
save = حفظ
continue = متابعة
filter = تصفية
older = إدخالات أقدم
form-has-errors = يُرجى تصحيح ما يلي:

# الأدوار وأنواع المكاتب
admin = مسؤول النظام
supervisor = مشرف
caseworker = موظف إدارة الحالات
facilitator = ميسّر جلسات التوجيه
knowledge_editor = محرر قاعدة المعرفة
analyst = محلل
migrant = مهاجر
field_office = مكتب ميداني
consulate = قنصلية
headquarters = المقر الرئيسي

# تسجيل الدخول
sign-in-title = تسجيل الدخول
sign-in = تسجيل الدخول
sign-in-failed = اسم المستخدم أو كلمة المرور غير صحيح. يُرجى التحقق منهما والمحاولة مرة أخرى.
field-username = اسم المستخدم
field-password = كلمة المرور
demo-logins = الحسابات التجريبية
demo-password = تستخدم جميع الحسابات التجريبية كلمة المرور { $password }.
second-factor-title = الخطوة الثانية لتسجيل الدخول
second-factor-help = يُرجى إدخال الرمز المكوّن من ستة أرقام من تطبيق المصادقة، أو أحد رموز الاسترداد الخاصة بك.
field-code = الرمز

# التنقل وصفحة البداية
nav-home = البداية
nav-home-help = صفحة البداية الخاصة بك.
nav-users = المستخدمون
nav-users-help = الموظفون وأدوارهم ومكاتبهم وحالة تسجيل دخولهم.
nav-offices = المكاتب
nav-offices-help = المكاتب الميدانية والقنصليات والمقر الرئيسي.
nav-audit = سجل التدقيق
nav-audit-help = كل تغيير وكل اطلاع على السجلات الحساسة، في سلسلة تكشف أي تلاعب.
nav-account = حسابي
nav-account-help = اللغة وكلمة المرور وعامل التحقق الثاني ورموز الوصول إلى API.
home-title = البداية
home-welcome = مرحبًا، { $name }
home-roles = أدوارك:
home-offices = مكاتبك:
home-what-you-can-do = ما يمكنك فعله هنا

# المستخدمون
users-title = المستخدمون
users-new = مستخدم جديد
users-count = { $count ->
    [zero] لا يوجد مستخدمون
    [one] مستخدم واحد
    [two] مستخدمان
    [few] { $count } مستخدمين
    [many] { $count } مستخدمًا
   *[other] { $count } مستخدم
}
field-display-name = الاسم الكامل
field-initial-password = كلمة المرور الأولية
field-new-password = كلمة المرور الجديدة
field-current-password = كلمة المرور الحالية
field-locale = اللغة
field-roles = الأدوار
field-offices = المكاتب
field-status = الحالة
field-second-factor = عامل التحقق الثاني
status-active = نشط
status-disabled = معطّل
status-enabled = مفعّل
status-not-enabled = غير مفعّل
status-revoked = ملغى
user-disable = تعطيل هذا الحساب
user-enable = تفعيل هذا الحساب
user-reset-password = تعيين كلمة مرور جديدة
notice-saved = تم الحفظ.
notice-password-reset = تم تغيير كلمة المرور وإنهاء جلسات هذا الشخص.
notice-password-changed = تم تغيير كلمة المرور الخاصة بك، وأُنهيت جلساتك الأخرى.
notice-second-factor-enabled = أصبح عامل التحقق الثاني مطلوبًا الآن عند تسجيل دخولك.

# المكاتب
offices-title = المكاتب
offices-new = مكتب جديد
offices-count = { $count ->
    [zero] لا توجد مكاتب
    [one] مكتب واحد
    [two] مكتبان
    [few] { $count } مكاتب
    [many] { $count } مكتبًا
   *[other] { $count } مكتب
}
field-name = الاسم
field-country = البلد (رمز ISO، مثل JO)
field-kind = النوع

# التدقيق
audit-title = سجل التدقيق
audit-caption = الأحدث أولًا. كل إدخال مرتبط بالإدخال الذي قبله في سلسلة.
field-time = الوقت
field-actor = بواسطة
field-action = الإجراء
field-target = السجل
field-target-type = نوع السجل
field-details = التفاصيل

# الحساب
account-title = حسابي
account-password = كلمة المرور
account-change-password = تغيير كلمة المرور
second-factor-enrol = إعداد عامل التحقق الثاني
second-factor-required = يجب على مسؤولي النظام إعداد عامل التحقق الثاني قبل المتابعة.
enrol-step-scan = يُرجى مسح هذا الرمز ضوئيًا باستخدام تطبيق مصادقة (أو كتابة المفتاح الظاهر أسفله).
enrol-step-code = يُرجى إدخال الرمز المكوّن من ستة أرقام الذي يظهر في التطبيق.
enrol-manual = المفتاح:
enrol-intro = سيعرض تطبيق المصادقة على هاتفك (مثل FreeOTP أو Aegis) رمزًا جديدًا من ستة أرقام كل 30 ثانية. ستحتاج إليه، أو إلى أحد رموز الاسترداد، في كل مرة تسجّل فيها الدخول.
enrol-start = البدء
recovery-codes-help = يُرجى الاحتفاظ برموز الاسترداد هذه في مكان آمن. يمكن استخدام كل رمز مرة واحدة فقط إذا فقدت هاتفك. لن تُعرض هذه الرموز مرة أخرى.
tokens-title = رموز الوصول إلى API
tokens-help = يتيح رمز الوصول لبرنامج ما استخدام واجهة API بالصلاحيات نفسها التي لديك. ويُعرض مرة واحدة فقط عند إنشائه.
token-shown-once = يُرجى نسخ رمز الوصول هذا الآن، فلن يُعرض مرة أخرى:
token-create = إنشاء رمز وصول
token-revoke = إلغاء
field-prefix = يبدأ بـ
field-actions = الإجراءات

# أخطاء الحقول
error-required = هذا الحقل مطلوب.
error-required-short-text = يُرجى إدخال ما بين 1 و200 حرف.
error-text-too-long = هذا النص طويل جداً.
error-username = يُرجى استخدام 3 إلى 64 من الأحرف اللاتينية الصغيرة أو الأرقام أو . _ - @ +
error-username-taken = اسم المستخدم هذا مستخدم بالفعل.
error-password-too-short = يُرجى استخدام 10 أحرف على الأقل.
error-password-too-long = يُرجى استخدام 256 حرفًا على الأكثر.
error-password-wrong = كلمة المرور الحالية غير صحيحة.
error-locale = يُرجى اختيار لغة.
error-roles = يُرجى اختيار دور صالح واحد على الأقل.
error-offices = يحتاج الموظفون من غير مسؤولي النظام إلى مكتب قائم واحد على الأقل.
error-office-code = يُرجى استخدام 2 إلى 12 من الأحرف اللاتينية الكبيرة أو الأرقام أو الشرطات.
error-office-code-taken = يستخدم مكتب آخر هذا الرمز بالفعل.
error-country-code = يُرجى استخدام رمز البلد المكوّن من حرفين وفق معيار ISO 3166.
error-choose-option = يُرجى اختيار أحد الخيارات.
error-sla-days = أدخل عددًا صحيحًا من الأيام بين 1 و730.
error-totp-code = هذا الرمز غير صحيح. تتغير الرموز كل 30 ثانية.

# المشكلات (صفحات الأخطاء وأخطاء API)
problem-bad-request-title = تعذّرت قراءة الطلب
problem-bad-request-detail = جزء من الطلب مكتوب بصيغة غير صحيحة.
problem-unauthenticated-title = يُرجى تسجيل الدخول
problem-unauthenticated-detail = يجب تسجيل الدخول لعرض هذه الصفحة.
problem-forbidden-title = غير مسموح
problem-forbidden-detail = دورك لا يسمح بهذا الإجراء.
problem-not-found-title = غير موجود
problem-not-found-detail = لا يوجد شيء هنا، أو ليس لديك إذن بعرضه.
problem-method-not-allowed-title = غير مسموح هنا
problem-method-not-allowed-detail = هذا العنوان لا يقبل هذا النوع من الطلبات.
problem-conflict-title = تغيّر في أثناء ذلك
problem-conflict-detail = عدّل شخص آخر هذا السجل بعد أن فتحته. يُرجى إعادة تحميله والمحاولة مرة أخرى.
problem-payload-too-large-title = كبير جدًا
problem-payload-too-large-detail = ما أرسلته أكبر من الحجم المسموح به.
problem-unsupported-media-type-title = صيغة غير مدعومة
problem-unsupported-media-type-detail = يُرجى إرسال البيانات بالصيغة التي يتوقعها هذا العنوان.
problem-validation-title = بعض الحقول تحتاج إلى مراجعة
problem-validation-detail = يُرجى تصحيح الحقول المذكورة والمحاولة مرة أخرى.
problem-too-many-attempts-title = محاولات كثيرة جدًا
problem-too-many-attempts-detail = محاولات فاشلة كثيرة جدًا. { $minutes ->
    [zero] يُرجى المحاولة مرة أخرى بعد قليل.
    [one] يُرجى المحاولة مرة أخرى بعد دقيقة واحدة.
    [two] يُرجى المحاولة مرة أخرى بعد دقيقتين.
    [few] يُرجى المحاولة مرة أخرى بعد { $minutes } دقائق.
    [many] يُرجى المحاولة مرة أخرى بعد { $minutes } دقيقة.
   *[other] يُرجى المحاولة مرة أخرى بعد { $minutes } دقيقة.
}
problem-timeout-title = استغرق وقتًا طويلًا جدًا
problem-timeout-detail = لم يُكمل الخادم العمل في الوقت المحدد. يُرجى المحاولة مرة أخرى.
problem-internal-title = حدث خطأ ما
problem-internal-detail = تم تسجيل المشكلة. يُرجى المحاولة مرة أخرى لاحقًا.
problem-second-factor-required-title = عامل التحقق الثاني مطلوب
problem-second-factor-required-detail = يجب على مسؤولي النظام إعداد عامل التحقق الثاني قبل المتابعة.
conflict-stale-version = عدّل شخص آخر هذا السجل بعد أن فتحته. يُرجى إعادة تحميله والمحاولة مرة أخرى.
conflict-cannot-disable-self = لا يمكنك تعطيل حسابك الخاص.
conflict-second-factor-already-enabled = تم إعداد عامل التحقق الثاني بالفعل.
conflict-second-factor-not-started = يُرجى البدء في إعداد عامل التحقق الثاني أولًا.
field-time-zone = المنطقة الزمنية
error-time-zone = اكتب المنطقة الزمنية باسمها في قاعدة IANA، مثل Europe/Istanbul أو Asia/Amman.
token-expires = ينتهي في
token-last-used = آخر استخدام
token-never-used = لم يُستخدم قط
token-days = عدد الأيام حتى انتهائه
status-expired = منتهٍ
error-token-days = اختر من 1 إلى 365 يومًا.
sign-in-pin-locked = أُدخل هذا الرقم السري خطأً مرات كثيرة فأصبح مقفلًا. اطلب رقمًا سريًا جديدًا من مكتبك.
conflict-pin-locked = هذا الرقم السري مقفل. اطلب رقمًا سريًا جديدًا من مكتبك.
second-factor-ended = أُدخلت رموز خاطئة كثيرة. حفاظًا على أمانك، سجّل الدخول مجددًا بكلمة المرور.
security-alerts-title = تنبيهات أمنية
security-alert-pin-failures = أُدخلت أرقام سرية خاطئة كثيرة في حسابات مقدّمي الطلبات خلال ساعة. تسجيل الدخول بالرقم السري متوقف حتى { $until }. قد يعني ذلك أن أحدًا يحاول تخمين الأرقام السرية.
notice-role-waits = أُنشئ الحساب. دور المدير بانتظار موافقة مدير ثانٍ، لأن هذا الحساب يعمل أيضًا على ملفات الحالات.
role-waits-title = دور بانتظار الموافقة
role-waits = طُلب الدور «{ $role }» لهذا الحساب، وهو يعمل أيضًا على ملفات الحالات. يجب أن يوافق عليه مدير ثانٍ.
role-approve = الموافقة على الدور
role-refuse = رفض الدور
role-waits-other-administrator = يجب أن يقرر مدير آخر غير الذي طلبه.
conflict-second-administrator-required = يجب أن يقرر مدير ثانٍ، غير من قدّم الطلب وغير صاحب الحساب نفسه.
problem-refused-title = لا يمكن القيام بهذا الآن
